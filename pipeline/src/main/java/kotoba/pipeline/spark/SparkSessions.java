package kotoba.pipeline.spark;

import java.util.Map;
import kotoba.pipeline.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the one SparkSession of a job. Under spark-submit the master and any --conf given there win over the
 * config file, so the same jar and config run locally and on a cluster.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(SparkConfig config) {
    SparkConf submitted = new SparkConf(); // picks up spark.* system properties set by spark-submit
    SparkSession.Builder b = SparkSession.builder().appName(config.appName());
    if (!submitted.contains("spark.master")) b.master(config.master());
    for (Map.Entry<String, String> e : config.conf().entrySet()) {
      if (!submitted.contains(e.getKey())) b.config(e.getKey(), e.getValue());
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * Stops the job's session, if one was started, before the JVM exits. Left to the shutdown hooks, the executors of
   * Spark's embedded standalone cluster (local-cluster) died while the application was still registered, and their
   * Workers relaunched them until the Master marked the application FAILED.
   */
  public static void stopIfRunning() {
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isDefined()) session.get().stop();
  }
}
