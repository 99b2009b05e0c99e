package kotoba.jobs.scaling;

/**
 * One (N, D, C, loss) observation: a run's validation loss at one logged step.
 *
 * @param runId the run
 * @param step the step it was measured at
 * @param n model size under the measure in use
 * @param d training tokens seen
 * @param c training FLOPs spent
 * @param loss validation loss in the unit in use
 */
public record SweepPoint(String runId, long step, double n, double d, double c, double loss) {
  static SweepPoint of(StepMetrics s, LossUnit unit, ParamMeasure measure) {
    return new SweepPoint(s.runId(), s.step(), s.params(measure), s.tokensSeen(), s.flops(), s.loss(unit));
  }

  /** The coordinate a single-variable law is fitted against. */
  public double x(Axis axis) {
    return switch (axis) {
      case N -> n;
      case D -> d;
      case C -> c;
    };
  }

  /** Which coordinate a single-variable law uses. */
  public enum Axis {
    N, D, C
  }
}
