package kotoba.jobs.cli;

import com.typesafe.config.Config;
import java.util.Set;
import java.util.function.UnaryOperator;
import kotoba.pipeline.config.ConfigBinder;
import kotoba.pipeline.config.Sections;
import kotoba.pipeline.config.SparkConfig;
import kotoba.pipeline.spark.SparkSessions;
import kotoba.pipeline.storage.Storage;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.spark.SparkTrainingConf;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * What every command starts from: the checked config, storage that sees what Spark will see, and a Spark session
 * created only when first asked for, so that config and input errors are reported before Spark starts.
 */
public final class JobContext {
  /** Every top-level config section kotoba knows; anything else is a typo. */
  public static final Set<String> SECTIONS =
      Set.of("spark", "paths", "corpus", "tokenizer", "tokenize", "trainer", "generate", "sweep", "report");

  private final Config config;
  private final SparkConfig sparkConfig;
  private final Storage storage;
  private final boolean force;
  private final UnaryOperator<SparkConf> sparkDefaults;
  private SparkSession spark;

  /** For a command that does not train. */
  public JobContext(ConfigOptions options) {
    this(options, false);
  }

  private JobContext(ConfigOptions options, boolean trains) {
    this.config = options.load();
    Sections.requireKnown(config, SECTIONS);
    this.sparkConfig = ConfigBinder.bind(config, "spark", SparkConfig.class);
    this.storage = Storage.forSpark(sparkConfig.conf());
    this.force = options.force;
    // A job that trains on the executors needs their off-heap caps, memoryOverhead and collector from the start:
    // executors are launched with the session. Other jobs keep Spark's own executor defaults.
    boolean onExecutors = trains && section("trainer", TrainConfig.class).mode() == TrainConfig.Mode.SPARK;
    this.sparkDefaults = onExecutors ? SparkTrainingConf::apply : UnaryOperator.identity();
  }

  /** For a command whose job trains a model (train, run, sweep). */
  public static JobContext training(ConfigOptions options) {
    return new JobContext(options, true);
  }

  public <R extends Record> R section(String path, Class<R> type) {
    return ConfigBinder.bind(config, path, type);
  }

  public Config config() {
    return config;
  }

  public Storage storage() {
    return storage;
  }

  public boolean force() {
    return force;
  }

  public SparkSession spark() {
    if (spark == null) spark = SparkSessions.getOrCreate(sparkConfig, sparkDefaults);
    return spark;
  }

  /** The settings {@link #spark()} starts a session with, given what spark-submit set ({@code submitted}). */
  SparkConf sparkSettings(SparkConf submitted) {
    return SparkSessions.settings(sparkConfig, submitted, sparkDefaults);
  }

  /** Storage bound to the running Spark session's Hadoop configuration. */
  public Storage sparkStorage() {
    return new Storage(spark().sparkContext().hadoopConfiguration());
  }
}
