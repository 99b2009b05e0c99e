package kotoba.jobs.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kotoba.jobs.Kotoba;
import kotoba.jobs.sweep.SweepConfig;
import kotoba.jobs.sweep.SweepMetrics;
import kotoba.jobs.sweep.SweepPlan;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ResumableFailure;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.TrainStage;
import kotoba.trainer.model.Flops;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.GptModel;
import kotoba.trainer.model.ParamCount;
import org.apache.spark.SparkConf;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba sweep`: a grid of training runs over model size and data, for scaling-law fits. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Train a grid of model shapes x token budgets (or IsoFLOP budgets) and collect one metrics table.",
        "Finished runs are skipped; interrupted ones resume from their checkpoints; a run that fails (impossible",
        "shape, diverged loss) is reported and the sweep goes on (exit code 3; 75 when every problem is a run the",
        "same command resumes). Usage: kotoba sweep --conf conf/sweep-tiny.conf"})
public final class SweepCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    JobContext ctx = JobContext.training(options);
    SweepConfig sweep = ctx.section("sweep", SweepConfig.class);
    Summaries.print(CorpusCommand.run(ctx));
    Summaries.print(TokenizerCommand.run(ctx));
    Summaries.print(TokenizeCommand.run(ctx));
    TrainConfig base = ctx.section("trainer", TrainConfig.class);
    int vocab = TrainStage.gptConfig(base, ctx.storage()).vocabSize();

    List<SweepPlan.Planned> plan = SweepPlan.expand(sweep, base, shape -> {
      GptConfig gpt = shape.toGpt(vocab);
      // Counted from the configuration: building each shape's graph allocated every plan's parameters.
      ParamCount params = ParamCount.of(GptModel.configuration(gpt, new Adam(), DataType.FLOAT));
      return Flops.trainingPerToken(gpt, params, false);
    });
    System.out.printf("[sweep] %s: %d runs%n", sweep.name(), plan.size());
    List<String> finished = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean onlyResumable = true; // every problem is one the same command resumes: tell a scheduler to retry
    Map<String, String> cannotStart = runsThatCannotStart(ctx, plan);
    for (SweepPlan.Planned p : plan) {
      String skip = p.skipReason() != null ? p.skipReason() : cannotStart.get(p.runId());
      if (skip != null) {
        onlyResumable = false;
        problems.add(p.runId() + ": skipped, " + skip);
        System.out.println("[sweep] " + problems.get(problems.size() - 1));
        continue;
      }
      System.out.printf("[sweep] run %s: %,d tokens%n", p.runId(), p.tokens());
      try {
        Manifest m = TrainStage.run(ctx.spark(), p.config(), TrainStage.key(p.config(), ctx.storage()),
            ctx.sparkStorage(), ctx.force(), System.out);
        finished.add(String.valueOf(m.info().get("metrics")));
      } catch (RuntimeException e) {
        // One bad run (diverged loss, out of memory) must not cost the rest of the sweep.
        onlyResumable &= e instanceof ResumableFailure;
        problems.add(p.runId() + ": failed, " + e.getMessage());
        System.out.println("[sweep] " + problems.get(problems.size() - 1));
      }
    }
    SweepMetrics.collect(ctx.spark(), finished, sweep.output(), ctx.sparkStorage());
    System.out.printf("[sweep] %d of %d runs finished; metrics: %s%n", finished.size(), plan.size(),
        sweep.output() + "/metrics.csv");
    problems.forEach(p -> System.out.println("[sweep] problem: " + p));
    return problems.isEmpty() ? 0 : onlyResumable ? Kotoba.EXIT_RESUMABLE : 3;
  }

  /** Runs that would fail the checks a lone `kotoba train` makes before Spark starts, said before any run trains. */
  private static Map<String, String> runsThatCannotStart(JobContext ctx, List<SweepPlan.Planned> plan) {
    Map<String, String> out = new HashMap<>();
    SparkConf settings = ctx.sparkSettings(new SparkConf());
    for (SweepPlan.Planned p : plan) {
      if (p.skipReason() != null) continue;
      try {
        TrainStage.checkBeforeSpark(p.config(), ctx.storage(), settings);
      } catch (ConfigError e) {
        out.put(p.runId(), e.getMessage());
        System.out.println("[sweep] run " + p.runId() + " cannot start: " + e.getMessage());
      }
    }
    return out;
  }
}
