package kotoba.jobs.sweep;

import java.util.List;

/**
 * The `sweep` config section: a grid of training runs for scaling laws. Every run is an ordinary `kotoba train` run
 * with the trainer section's settings, except its shape and its token budget.
 *
 * @param name the sweep's name; its runs are named {name}-L{n_layer}-d{d_model}-h{n_head}-D{tokens}
 * @param output directory receiving runs/, metrics/ (Parquet), metrics.csv and summary.csv
 * @param shapes model shapes (n_layer, d_model, n_head); other model settings come from trainer.model
 * @param tokenBudgets tokens per run (D); each shape is trained once per budget. Ignored when iso_flops is set.
 * @param isoFlops compute budgets C (FLOPs); for each, every shape gets D = C / (FLOPs per token): IsoFLOP curves
 */
public record SweepConfig(String name, String output, List<Shape> shapes, List<Long> tokenBudgets,
    List<Double> isoFlops) {

  /** One model shape of the grid. */
  public record Shape(int nLayer, int dModel, int nHead) {}

  public SweepConfig {
    if (shapes.isEmpty()) throw new IllegalArgumentException("sweep.shapes is empty");
    if (tokenBudgets.isEmpty() && isoFlops.isEmpty()) {
      throw new IllegalArgumentException("set sweep.token_budgets or sweep.iso_flops");
    }
  }
}
