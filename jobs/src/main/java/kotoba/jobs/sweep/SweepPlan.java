package kotoba.jobs.sweep;

import java.util.ArrayList;
import java.util.List;
import kotoba.trainer.ModelShape;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.train.TrainerConfig;

/**
 * Expands a sweep into training runs: each a full trainer config with its own shape, step budget and run id. An
 * impossible shape is not a run but a skip with its reason, so the rest of the sweep goes on.
 */
public final class SweepPlan {
  /** A planned run, or a skipped one with why. */
  public record Planned(String runId, TrainConfig config, long tokens, String skipReason) {}

  private SweepPlan() {}

  /**
   * @param flopsPerToken FLOPs per training token of a shape (to turn an IsoFLOP budget into tokens); returns
   *     a negative number when the shape cannot be built
   */
  public static List<Planned> expand(SweepConfig sweep, TrainConfig base,
      java.util.function.ToDoubleFunction<ModelShape> flopsPerToken) {
    List<Planned> out = new ArrayList<>();
    for (SweepConfig.Shape s : sweep.shapes()) {
      ModelShape shape = new ModelShape(s.nLayer(), s.dModel(), s.nHead(), 0, base.model().contextLength(),
          base.model().dropout(), base.model().tieEmbeddings(), base.model().seed());
      String shapeName = "L" + s.nLayer() + "-d" + s.dModel() + "-h" + s.nHead();
      String problem = shapeProblem(s);
      List<Long> budgets = new ArrayList<>();
      if (sweep.isoFlops().isEmpty()) {
        budgets.addAll(sweep.tokenBudgets());
      } else if (problem == null) {
        double perToken = flopsPerToken.applyAsDouble(shape);
        for (double c : sweep.isoFlops()) budgets.add(Math.round(c / perToken));
      } else {
        budgets.add(0L);
      }
      for (long tokens : budgets) {
        String runId = sweep.name() + "-" + shapeName + "-D" + tokens;
        if (problem != null) {
          out.add(new Planned(runId, null, tokens, problem));
          continue;
        }
        int steps = (int) Math.max(1, Math.ceil((double) tokens / base.optim().batchTokens()));
        TrainerConfig o = base.optim();
        TrainerConfig optim = new TrainerConfig(o.learningRate(), Math.min(o.warmupSteps(), Math.max(1, steps / 10)),
            o.minLearningRate(), steps, o.batchTokens(), o.weightDecay(), o.beta1(), o.beta2(), o.epsilon(),
            o.gradClip(), Math.max(1, Math.min(o.evalEvery(), steps / 4)), o.evalBatches(),
            Math.max(1, steps / 2), o.seed(), o.shuffleBufferDocs(), o.logEvery());
        TrainConfig run = new TrainConfig(base.input(), kotoba.pipeline.storage.Storage.child(sweep.output(), "runs"),
            runId, base.mode(), true, base.objective(), shape, optim, base.spark());
        out.add(new Planned(runId, run, tokens, null));
      }
    }
    return out;
  }

  static String shapeProblem(SweepConfig.Shape s) {
    if (s.nLayer() < 1 || s.dModel() < 1 || s.nHead() < 1) return "sizes must be positive: " + s;
    if (s.dModel() % s.nHead() != 0) {
      return "n_head=" + s.nHead() + " does not divide d_model=" + s.dModel();
    }
    return null;
  }
}
