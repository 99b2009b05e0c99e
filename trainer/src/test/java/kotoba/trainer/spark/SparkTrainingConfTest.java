package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    }

    @Test
    void valuesTheUserSetAreKept() {
        SparkConf conf = SparkTrainingConf.apply(new SparkConf(false).setMaster("local[2]")
                .set("spark.task.maxDirectResultSize", "64m").set("spark.kryo.registrator", "my.Registrator"));
        assertEquals("64m", conf.get("spark.task.maxDirectResultSize"));
        assertEquals("my.Registrator", conf.get("spark.kryo.registrator"));
    }
}
