package kotoba.jobs.scaling;

import java.util.List;
import java.util.Map;

/**
 * Everything the report shows: the sweep as read, every fit (made or skipped), and the IsoFLOP profiles per unit.
 *
 * @param metrics the metrics that were read
 * @param sweep runs used and excluded
 * @param fits all fits, in report order
 * @param isoFlops IsoFLOP profiles (N counted in total parameters) per unit
 * @param bootstrap bootstrap replicates requested per fit
 * @param seed the bootstrap seed
 */
public record Analysis(MetricsTable metrics, Sweep sweep, List<FitResult> fits,
    Map<LossUnit, IsoFlops.Profiles> isoFlops, int bootstrap, long seed) {

  /** The fit of {@code law} for a unit and N measure (null for laws without N), or null when there is none. */
  public FitResult fit(String law, LossUnit unit, ParamMeasure measure) {
    return fits.stream().filter(f -> f.law().equals(law) && f.unit() == unit && f.measure() == measure)
        .findFirst().orElse(null);
  }
}
