package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every fit the report shows: L(N) (total and non-embedding N), L(D), L(C) and L(N, D), in nats per token and
 * in bits per byte, each with bootstrap intervals. A fit that cannot be made is recorded as skipped with its reason.
 */
public final class ScalingAnalysis {
  private ScalingAnalysis() {}

  public static Analysis run(MetricsTable metrics, int bootstrap, long seed) {
    if (bootstrap < 0) throw new IllegalArgumentException("bootstrap must be >= 0, got " + bootstrap);
    Sweep sweep = Sweep.of(metrics);
    List<FitResult> fits = new ArrayList<>();
    Map<LossUnit, IsoFlops.Profiles> isoFlops = new EnumMap<>(LossUnit.class);
    long s = seed;
    for (LossUnit unit : LossUnit.values()) {
      boolean any = sweep.runs().stream().anyMatch(r -> r.finalPoint(unit).isPresent());
      for (ParamMeasure m : ParamMeasure.values()) {
        Selection finals = PointSelection.finalPoints(sweep, unit, m);
        fits.add(any ? LawFits.powerLaw("L(N)", SweepPoint.Axis.N, unit, m,
            PointSelection.bestPerModelSize(finals), bootstrap, s++) : missing("L(N)", unit, m));
      }
      Selection finals = PointSelection.finalPoints(sweep, unit, ParamMeasure.TOTAL);
      fits.add(any ? LawFits.powerLaw("L(D)", SweepPoint.Axis.D, unit, null, PointSelection.bestPerDataSize(finals),
          bootstrap, s++) : missing("L(D)", unit, null));
      fits.add(any ? LawFits.powerLaw("L(C)", SweepPoint.Axis.C, unit, null,
          PointSelection.computeFrontier(sweep, unit, ParamMeasure.TOTAL), bootstrap, s++) : missing("L(C)", unit, null));
      for (ParamMeasure m : ParamMeasure.values()) {
        fits.add(any ? LawFits.chinchilla(unit, m, PointSelection.finalPoints(sweep, unit, m), bootstrap, s++)
            : missing("L(N,D)", unit, m));
      }
      isoFlops.put(unit, IsoFlops.of(sweep, unit, ParamMeasure.TOTAL));
    }
    return new Analysis(metrics, sweep, fits, isoFlops, bootstrap, seed);
  }

  private static FitResult missing(String law, LossUnit unit, ParamMeasure m) {
    String column = unit == LossUnit.NATS ? "val_loss" : "val_bits_per_byte";
    return FitResult.skipped(law, unit, m, "no run has a " + column + " value", new Selection(List.of(), List.of()));
  }
}
