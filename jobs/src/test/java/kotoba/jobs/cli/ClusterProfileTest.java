package kotoba.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import kotoba.pipeline.config.ConfigBinder;
import kotoba.pipeline.config.SparkConfig;
import kotoba.trainer.TrainConfig;
import org.junit.jupiter.api.Test;

/** The shipped conf/cluster.conf binds over local.conf and changes what a cluster needs changed. */
class ClusterProfileTest {

  @Test
  void clusterProfileDropsTheLoopbackDriverAndMakesOpenMpWaitPassively() {
    ConfigOptions options = new ConfigOptions();
    options.confFile = Path.of(System.getProperty("user.dir")).getParent().resolve("conf/cluster.conf").toString();
    JobContext ctx = new JobContext(options);
    SparkConfig spark = ConfigBinder.bind(ctx.config(), "spark", SparkConfig.class);
    assertFalse(spark.conf().containsKey("spark.driver.host"), "driver host still pinned: " + spark.conf());
    assertFalse(spark.conf().containsKey("spark.task.maxDirectResultSize"), "local mode's in-process results");
    assertFalse(spark.conf().containsKey("spark.rpc.message.maxSize"), "local mode's in-process results");
    assertEquals("passive", spark.conf().get("spark.executorEnv.OMP_WAIT_POLICY"));
    assertEquals("org.apache.spark.serializer.KryoSerializer", spark.conf().get("spark.serializer"),
        "local.conf's other Spark settings stay");
    assertEquals(TrainConfig.Mode.SPARK, ctx.section("trainer", TrainConfig.class).mode());
  }
}
