package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkTrainingConfTest {

    @Test
    void localModeSendsTaskResultsInProcessAndClustersKeepSparksDefaults() {
        SparkConf local = SparkTrainingConf.apply(new SparkConf(false).setMaster("local[2]"));
        assertEquals("2000m", local.get("spark.task.maxDirectResultSize"));
        assertEquals(BulkNd4jRegistrator.class.getName(), local.get("spark.kryo.registrator"));
        SparkConf yarn = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn"));
        assertFalse(yarn.contains("spark.task.maxDirectResultSize"));
        assertFalse(yarn.contains("spark.rpc.message.maxSize"));
        // Spark's embedded cluster runs its executors in their own JVMs: results cross a socket there too.
        SparkConf embedded = SparkTrainingConf.apply(new SparkConf(false).setMaster("local-cluster[2,1,1024]"));
        assertFalse(embedded.contains("spark.task.maxDirectResultSize"));
    }

    @Test
    void valuesTheUserSetAreKept() {
        SparkConf conf = SparkTrainingConf.apply(new SparkConf(false).setMaster("local[2]")
                .set("spark.task.maxDirectResultSize", "64m").set("spark.kryo.registrator", "my.Registrator"));
        assertEquals("64m", conf.get("spark.task.maxDirectResultSize"));
        assertEquals("my.Registrator", conf.get("spark.kryo.registrator"));
    }

    @Test
    void executorsGetTheParallelCollectorUnlessTheUserChoseOne() {
        SparkConf plain = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.extraJavaOptions", "-Dfoo=1"));
        String options = plain.get("spark.executor.extraJavaOptions");
        assertTrue(options.startsWith("-Dfoo=1 "), options);
        assertTrue(options.contains("-Dorg.bytedeco.javacpp.maxbytes="), options);
        assertTrue(options.contains("-XX:+UseParallelGC"), options);
        SparkConf chosen = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.extraJavaOptions", "-XX:+UseG1GC -XX:+UseGCOverheadLimit"));
        assertFalse(chosen.get("spark.executor.extraJavaOptions").contains("ParallelGC"),
                chosen.get("spark.executor.extraJavaOptions"));
        SparkConf overheadOnly = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.extraJavaOptions", "-XX:+UseGCOverheadLimit"));
        assertTrue(overheadOnly.get("spark.executor.extraJavaOptions").contains("-XX:+UseParallelGC"),
                "UseGCOverheadLimit does not choose a collector");
    }

    @Test
    void thePhysicalMemoryCapIsTheWholeContainerHeapIncluded() {
        // JavaCPP compares maxphysicalbytes with the process's resident memory, heap included: a cap at the
        // overhead alone (5g) would fail ND4J's allocations in an 8g-heap executor once its heap filled.
        SparkConf sized = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.memory", "8g"));
        assertEquals("5g", sized.get("spark.executor.memoryOverhead"));
        String sizedJvm = sized.get("spark.executor.extraJavaOptions");
        assertTrue(sizedJvm.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=13312m"), sizedJvm);
        SparkConf byFactor = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.memory", "10g").set("spark.executor.memoryOverheadFactor", "0.5"));
        assertFalse(byFactor.contains("spark.executor.memoryOverhead"), "a factor the user chose sizes the overhead");
        String byFactorJvm = byFactor.get("spark.executor.extraJavaOptions");
        assertTrue(byFactorJvm.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=15360m"), byFactorJvm);
        SparkConf chosen = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxphysicalbytes=20g"));
        assertEquals(1, chosen.get("spark.executor.extraJavaOptions").split("maxphysicalbytes").length - 1);
    }

    @Test
    void aCollectorChosenInTheClustersDefaultJavaOptionsIsKept() {
        // Two collectors on one command line and the executor JVM refuses to start.
        SparkConf conf = SparkTrainingConf.apply(new SparkConf(false).setMaster("yarn")
                .set("spark.executor.defaultJavaOptions", "-XX:+UseG1GC"));
        assertFalse(conf.get("spark.executor.extraJavaOptions").contains("ParallelGC"),
                conf.get("spark.executor.extraJavaOptions"));
    }
}
