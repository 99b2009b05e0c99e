package kotoba.pipeline.spark;

import java.util.Map;
import java.util.function.UnaryOperator;
import kotoba.pipeline.config.SparkConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the one SparkSession of a job. Under spark-submit the master and any --conf given there win over the
 * config file, so the same jar and config run locally and on a cluster.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The session, with {@code defaults} filling in what neither spark-submit nor the config file set (the trainer's
   * executor settings when the job trains on Spark; {@code UnaryOperator.identity()} otherwise).
   */
  public static SparkSession getOrCreate(SparkConfig config, UnaryOperator<SparkConf> defaults) {
    SparkConf conf = settings(config, new SparkConf(), defaults); // new SparkConf(): spark-submit's system properties
    SparkSession spark = SparkSession.builder().config(conf).appName(config.appName()).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * The settings a session starts with: spark-submit's ({@code submitted}) first, then the config file's for every
   * key spark-submit left unset, then {@code defaults} over the result.
   */
  public static SparkConf settings(SparkConfig config, SparkConf submitted, UnaryOperator<SparkConf> defaults) {
    SparkConf conf = submitted.clone();
    if (!conf.contains("spark.master")) conf.setMaster(config.master());
    for (Map.Entry<String, String> e : config.conf().entrySet()) {
      if (!conf.contains(e.getKey())) conf.set(e.getKey(), e.getValue());
    }
    return defaults.apply(conf);
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
