package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one law on a selection of points and puts bootstrap intervals on its parameters, after checking there is
 * enough to fit: fewer than 3 distinct values of a variable gives a skipped fit with the reason, not an error.
 */
public final class LawFits {
  /** The fewest distinct values of a fitted variable that say anything about a power law. */
  public static final int MIN_DISTINCT = 3;
  /** Starts each bootstrap refit of L(N, D) takes (the best by initial objective, full-data optimum first). */
  static final int BOOTSTRAP_STARTS = 8;

  private LawFits() {}

  /** L(X) = (X_c / X)^alpha on the selected points. */
  public static FitResult powerLaw(String law, SweepPoint.Axis axis, LossUnit unit, ParamMeasure measure,
      Selection sel, int replicates, long seed) {
    List<SweepPoint> pts = sel.used();
    int distinct = distinct(pts, axis);
    if (distinct < MIN_DISTINCT) {
      return FitResult.skipped(law, unit, measure, law + " needs at least " + MIN_DISTINCT + " distinct " + noun(axis)
          + ", got " + distinct, sel);
    }
    double[] x = pts.stream().mapToDouble(p -> p.x(axis)).toArray();
    double[] y = pts.stream().mapToDouble(SweepPoint::loss).toArray();
    PowerLaw fit = LogLogFit.fit(x, y);
    List<double[]> boot = Bootstrap.replicate(pts.size(), replicates, seed, idx -> {
      double[] bx = Bootstrap.pick(x, idx);
      if (Arrays.stream(bx).distinct().count() < 2) return null; // a line needs two distinct x
      PowerLaw b = LogLogFit.fit(bx, Bootstrap.pick(y, idx));
      return new double[] {b.alpha(), b.xc()};
    });
    Map<String, Estimate> params = new LinkedHashMap<>();
    params.put("alpha", Estimate.of(fit.alpha(), Bootstrap.interval(boot, 0)));
    params.put(axis + "_c", Estimate.of(fit.xc(), Bootstrap.interval(boot, 1)));
    return new FitResult(law, unit, measure, null, params, fit.r2(), boot.size(), pts, sel.excluded(), fit, null);
  }

  /** L(N, D) = E + A/N^alpha + B/D^beta (approach 3) on the selected final points, with compute-optimal exponents. */
  public static FitResult chinchilla(LossUnit unit, ParamMeasure measure, Selection sel, int replicates, long seed) {
    String law = "L(N,D)";
    List<SweepPoint> pts = sel.used();
    int dn = distinct(pts, SweepPoint.Axis.N);
    int dd = distinct(pts, SweepPoint.Axis.D);
    if (dn < MIN_DISTINCT || dd < MIN_DISTINCT || pts.size() < 6) {
      return FitResult.skipped(law, unit, measure, law + " needs at least " + MIN_DISTINCT + " distinct model sizes, "
          + MIN_DISTINCT + " distinct data budgets and 6 runs, got " + dn + ", " + dd + " and " + pts.size(), sel);
    }
    double[] n = pts.stream().mapToDouble(SweepPoint::n).toArray();
    double[] d = pts.stream().mapToDouble(SweepPoint::d).toArray();
    double[] y = pts.stream().mapToDouble(SweepPoint::loss).toArray();
    ChinchillaParams fit = ChinchillaFit.fit(n, d, y);
    List<double[]> starts = new ArrayList<>();
    starts.add(ChinchillaFit.startAt(fit));
    starts.addAll(ChinchillaFit.paperGrid());
    List<double[]> boot = Bootstrap.replicate(pts.size(), replicates, seed, idx -> {
      ChinchillaParams b = ChinchillaFit.fit(Bootstrap.pick(n, idx), Bootstrap.pick(d, idx), Bootstrap.pick(y, idx),
          starts, BOOTSTRAP_STARTS);
      return values(b);
    });
    double[] v = values(fit);
    String[] names = {"E", "A", "B", "alpha", "beta", "a", "b"};
    Map<String, Estimate> params = new LinkedHashMap<>();
    for (int k = 0; k < names.length; k++) params.put(names[k], Estimate.of(v[k], Bootstrap.interval(boot, k)));
    return new FitResult(law, unit, measure, null, params, Double.NaN, boot.size(), pts, sel.excluded(), null, fit);
  }

  private static double[] values(ChinchillaParams p) {
    return new double[] {p.e(), p.a(), p.b(), p.alpha(), p.beta(), p.nOptExponent(), p.dOptExponent()};
  }

  private static int distinct(List<SweepPoint> pts, SweepPoint.Axis axis) {
    return (int) pts.stream().mapToDouble(p -> p.x(axis)).distinct().count();
  }

  private static String noun(SweepPoint.Axis axis) {
    return switch (axis) {
      case N -> "model sizes";
      case D -> "data budgets";
      case C -> "compute values";
    };
  }
}
