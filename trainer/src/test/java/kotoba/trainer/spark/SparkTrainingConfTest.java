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
}
