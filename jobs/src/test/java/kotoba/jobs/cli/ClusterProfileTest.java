package kotoba.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import kotoba.pipeline.config.ConfigBinder;
import kotoba.pipeline.config.SparkConfig;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.spark.SparkTrainingConf;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * The shipped conf/cluster.conf binds over local.conf and changes what a cluster needs changed, and a job that trains
 * on the executors starts them with the trainer's settings.
 */
class ClusterProfileTest {

  @Test
  void clusterProfileDropsTheLoopbackDriverAndMakesOpenMpWaitPassively() {
    JobContext ctx = new JobContext(cluster());
    SparkConfig spark = ConfigBinder.bind(ctx.config(), "spark", SparkConfig.class);
    assertFalse(spark.conf().containsKey("spark.driver.host"), "driver host still pinned: " + spark.conf());
    assertFalse(spark.conf().containsKey("spark.task.maxDirectResultSize"), "local mode's in-process results");
    assertFalse(spark.conf().containsKey("spark.rpc.message.maxSize"), "local mode's in-process results");
    assertEquals("passive", spark.conf().get("spark.executorEnv.OMP_WAIT_POLICY"));
    assertEquals("org.apache.spark.serializer.KryoSerializer", spark.conf().get("spark.serializer"),
        "local.conf's other Spark settings stay");
    assertEquals(TrainConfig.Mode.SPARK, ctx.section("trainer", TrainConfig.class).mode());
  }

  @Test
  void aTrainingJobOnTheClusterStartsExecutorsWithOffHeapCapsOverheadAndTheParallelCollector() {
    SparkConf conf = JobContext.training(cluster()).sparkSettings(submittedTo("yarn"));
    assertEquals("yarn", conf.get("spark.master"));
    assertEquals(SparkTrainingConf.DEFAULT_MEMORY_OVERHEAD, conf.get("spark.executor.memoryOverhead"));
    String executorJvm = conf.get("spark.executor.extraJavaOptions");
    assertTrue(executorJvm.contains("-Dorg.bytedeco.javacpp.maxbytes=" + SparkTrainingConf.DEFAULT_OFF_HEAP),
        executorJvm);
    assertTrue(executorJvm.contains(SparkTrainingConf.GARBAGE_COLLECTOR), executorJvm);
    assertFalse(conf.contains("spark.task.maxDirectResultSize"), "results between hosts go through block managers");
    assertEquals("passive", conf.get("spark.executorEnv.OMP_WAIT_POLICY"), "the config file's settings stay");
  }

  @Test
  void aCorpusJobOnTheClusterKeepsSparksOwnExecutorSettings() {
    SparkConf conf = new JobContext(cluster()).sparkSettings(submittedTo("yarn"));
    assertFalse(conf.contains("spark.executor.memoryOverhead"), "a corpus job's executors need no ND4J headroom");
    assertFalse(conf.contains("spark.executor.extraJavaOptions"));
  }

  @Test
  void aTrainingJobInLocalModeKeepsSparksOwnExecutorSettings() {
    JobContext ctx = JobContext.training(new ConfigOptions());
    assertEquals(TrainConfig.Mode.LOCAL, ctx.section("trainer", TrainConfig.class).mode(), "local.conf's mode");
    assertFalse(ctx.sparkSettings(new SparkConf(false)).contains("spark.executor.memoryOverhead"));
  }

  @Test
  void trainingInLocalModeGetsItsRoundResultsInProcess() {
    SparkConf conf = JobContext.training(sparkTraining()).sparkSettings(new SparkConf(false));
    assertEquals("local[*]", conf.get("spark.master"), "local.conf's master");
    assertEquals("2000m", conf.get("spark.task.maxDirectResultSize"));
  }

  @Test
  void trainingSubmittedToAClusterWithTheLocalProfileSendsRoundResultsThroughBlockManagers() {
    // Someone who forgets --conf conf/cluster.conf must not get local mode's 2 GB RPC messages between hosts.
    SparkConf conf = JobContext.training(sparkTraining()).sparkSettings(submittedTo("yarn"));
    assertFalse(conf.contains("spark.task.maxDirectResultSize"), conf.toDebugString());
    assertFalse(conf.contains("spark.rpc.message.maxSize"), conf.toDebugString());
  }

  @Test
  void whatSparkSubmitSetsWinsOverTheTrainersDefaults() {
    SparkConf submitted = submittedTo("yarn")
        .set("spark.executor.memoryOverhead", "12g")
        .set("spark.executor.extraJavaOptions", "-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxbytes=10g");
    SparkConf conf = JobContext.training(cluster()).sparkSettings(submitted);
    assertEquals("12g", conf.get("spark.executor.memoryOverhead"));
    // Only the physical cap is added, sized to the container the user chose: 1g of heap (Spark's default) + 12g.
    assertEquals("-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxbytes=10g -Dorg.bytedeco.javacpp.maxphysicalbytes=13312m",
        conf.get("spark.executor.extraJavaOptions"));
  }

  private static ConfigOptions cluster() {
    ConfigOptions options = new ConfigOptions();
    options.confFile = Path.of(System.getProperty("user.dir")).getParent().resolve("conf/cluster.conf").toString();
    return options;
  }

  /** local.conf with data-parallel training on. */
  private static ConfigOptions sparkTraining() {
    ConfigOptions options = new ConfigOptions();
    options.sets.add("trainer.mode=spark");
    return options;
  }

  /** What spark-submit leaves in the driver's system properties: its master and --conf values. */
  private static SparkConf submittedTo(String master) {
    return new SparkConf(false).setMaster(master);
  }
}
