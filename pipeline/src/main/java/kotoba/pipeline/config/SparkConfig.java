package kotoba.pipeline.config;

import java.util.Map;

/**
 * How to reach Spark: the `spark` section of the config.
 *
 * @param master Spark master URL; ignored under spark-submit, which sets its own (local[*], yarn, k8s://..., spark://...)
 * @param appName application name shown in the Spark UI
 * @param conf extra Spark properties (spark.* keys), applied unless spark-submit already set them
 */
public record SparkConfig(String master, String appName, Map<String, String> conf) {}
