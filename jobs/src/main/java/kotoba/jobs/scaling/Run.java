package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One training run of a sweep: its logged steps in order. Its "final point" in a unit is the last step with a
 * validation loss in that unit: the loss the run reached with the data and compute it was given.
 *
 * @param id the run_id
 * @param steps the run's rows, sorted by step
 */
public record Run(String id, List<StepMetrics> steps) {
  public Run {
    List<StepMetrics> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparingLong(StepMetrics::step).thenComparingDouble(StepMetrics::tokensSeen));
    steps = List.copyOf(sorted);
    if (steps.isEmpty()) throw new IllegalArgumentException("run " + id + " has no rows");
  }

  /** The last step with a validation loss in {@code unit}, if there is one. */
  public Optional<StepMetrics> finalPoint(LossUnit unit) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (Double.isFinite(steps.get(i).loss(unit))) return Optional.of(steps.get(i));
    }
    return Optional.empty();
  }

  /** The steps with a validation loss in {@code unit}: the run's learning curve. */
  public List<StepMetrics> curve(LossUnit unit) {
    return steps.stream().filter(s -> Double.isFinite(s.loss(unit))).toList();
  }

  /** The model size; parameters do not change during a run, so the last row's count is the run's. */
  public double params(ParamMeasure measure) {
    return steps.get(steps.size() - 1).params(measure);
  }

  /** The first row whose loss was NaN or infinite, if the run diverged. */
  public Optional<StepMetrics> firstNonFinite() {
    return steps.stream().filter(StepMetrics::nonFinite).findFirst();
  }
}
