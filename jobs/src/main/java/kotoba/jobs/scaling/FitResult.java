package kotoba.jobs.scaling;

import java.util.List;
import java.util.Map;

/**
 * One law fitted (or skipped, with the reason) for one loss unit and way of counting N.
 *
 * @param law "L(N)", "L(D)", "L(C)" or "L(N,D)"
 * @param unit the loss unit
 * @param measure how N was counted; null for laws that do not involve N
 * @param message why the fit was skipped; null when it was made
 * @param params named estimates in display order (empty when skipped)
 * @param r2 R² in log-log space for single-variable laws, NaN otherwise
 * @param bootstrapUsed how many bootstrap refits the intervals rest on
 * @param points the points the fit used
 * @param excluded points offered and left out, with reasons
 * @param powerLaw the fitted single-variable law, or null
 * @param chinchilla the fitted L(N, D), or null
 */
public record FitResult(String law, LossUnit unit, ParamMeasure measure, String message, Map<String, Estimate> params,
    double r2, int bootstrapUsed, List<SweepPoint> points, List<Exclusion> excluded, PowerLaw powerLaw,
    ChinchillaParams chinchilla) {

  public boolean ok() {
    return message == null;
  }

  /** A fit that could not be made; the rest of the report goes on without it. */
  static FitResult skipped(String law, LossUnit unit, ParamMeasure measure, String message, Selection sel) {
    return new FitResult(law, unit, measure, message, Map.of(), Double.NaN, 0, sel.used(), sel.excluded(), null, null);
  }
}
