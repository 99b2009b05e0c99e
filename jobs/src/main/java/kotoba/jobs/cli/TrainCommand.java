package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.TrainStage;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba train`: pretrain a GPT on the token docs, locally or data-parallel on Spark. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a GPT on the tokenize stage's output; checkpoints, metrics and a manifest go to",
        "{trainer.output}/{trainer.run_id}/. A finished run is skipped; an interrupted one resumes from its newest",
        "checkpoint (trainer.resume). Config section: trainer (mode = local | spark)."})
public final class TrainCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @picocli.CommandLine.Option(names = "--resume", negatable = true,
      description = "Continue an interrupted run from its newest checkpoint (--no-resume starts over); "
          + "same as --set trainer.resume=true|false.")
  Boolean resume;

  @Override
  public Integer call() {
    if (resume != null) options.sets.add("trainer.resume=" + resume);
    Summaries.print(run(JobContext.training(options)));
    return 0;
  }

  /** Runs the stage; shared with `kotoba run` and `kotoba sweep`. */
  public static Manifest run(JobContext ctx) {
    TrainConfig cfg = ctx.section("trainer", TrainConfig.class);
    StageKey key = TrainStage.key(cfg, ctx.storage());
    // An impossible shape, or rounds too big for the driver, fail here, before Spark starts.
    TrainStage.checkBeforeSpark(cfg, ctx.storage(), ctx.sparkSettings(new SparkConf()));
    return TrainStage.run(ctx.spark(), cfg, key, ctx.sparkStorage(), ctx.force(), System.out);
  }
}
