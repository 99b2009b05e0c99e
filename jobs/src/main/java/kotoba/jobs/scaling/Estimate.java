package kotoba.jobs.scaling;

/**
 * A fitted value with its bootstrap percentile interval (NaN bounds when no bootstrap was run).
 *
 * @param value the fit on all points
 * @param lo 2.5th percentile over bootstrap refits
 * @param hi 97.5th percentile over bootstrap refits
 */
public record Estimate(double value, double lo, double hi) {
  static Estimate of(double value, Bootstrap.Interval ci) {
    return new Estimate(value, ci.lo(), ci.hi());
  }
}
