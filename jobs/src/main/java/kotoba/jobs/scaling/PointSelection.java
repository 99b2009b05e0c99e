package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which points each law is fitted on. A single-variable law only holds where the other variables do not limit the
 * loss, so: L(N) takes, per model size, the best run at the largest data budget; L(D) takes, per data budget, the
 * best model; L(C) takes the lower envelope of every learning curve (Kaplan et al. 2020's compute frontier);
 * L(N, D) takes every run's final point.
 */
public final class PointSelection {
  /** Budgets within this factor of each other count as the same (token counts differ by a batch or two). */
  static final double SAME_BUDGET = 1.01;

  private PointSelection() {}

  /** Each run's final point: its last evaluated step. Runs without a loss in {@code unit} are listed as excluded. */
  public static Selection finalPoints(Sweep sweep, LossUnit unit, ParamMeasure measure) {
    List<SweepPoint> used = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    for (Run run : sweep.runs()) {
      Optional<StepMetrics> last = run.finalPoint(unit);
      if (last.isPresent()) {
        used.add(SweepPoint.of(last.get(), unit, measure));
      } else {
        excluded.add(new Exclusion(run.id(), "no validation loss in " + unit.label()));
      }
    }
    return new Selection(used, excluded);
  }

  /** Per model size, the lowest final loss among the runs trained on the most data: "not limited by data". */
  public static Selection bestPerModelSize(Selection finals) {
    Map<Double, List<SweepPoint>> byN = new LinkedHashMap<>();
    for (SweepPoint p : finals.used()) byN.computeIfAbsent(p.n(), k -> new ArrayList<>()).add(p);
    List<SweepPoint> used = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>(finals.excluded());
    for (List<SweepPoint> group : byN.values()) {
      double maxD = group.stream().mapToDouble(SweepPoint::d).max().orElseThrow();
      SweepPoint best = group.stream().filter(p -> p.d() * SAME_BUDGET >= maxD)
          .min(Comparator.comparingDouble(SweepPoint::loss)).orElseThrow();
      used.add(best);
      for (SweepPoint p : group) {
        if (p == best) continue;
        excluded.add(new Exclusion(p.runId(), p.d() * SAME_BUDGET >= maxD
            ? "not the best run at the largest D for N=" + fmt(p.n())
            : "limited by data: D=" + fmt(p.d()) + " < largest D=" + fmt(maxD) + " for N=" + fmt(p.n())));
      }
    }
    used.sort(Comparator.comparingDouble(SweepPoint::n));
    return new Selection(used, excluded);
  }

  /** Per data budget (final tokens, within 1%), the lowest final loss over model sizes. */
  public static Selection bestPerDataSize(Selection finals) {
    List<SweepPoint> sorted = new ArrayList<>(finals.used());
    sorted.sort(Comparator.comparingDouble(SweepPoint::d));
    List<SweepPoint> used = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>(finals.excluded());
    int i = 0;
    while (i < sorted.size()) {
      double start = sorted.get(i).d();
      int j = i;
      while (j < sorted.size() && sorted.get(j).d() <= start * SAME_BUDGET) j++;
      List<SweepPoint> group = sorted.subList(i, j);
      SweepPoint best = group.stream().min(Comparator.comparingDouble(SweepPoint::loss)).orElseThrow();
      used.add(best);
      for (SweepPoint p : group) {
        if (p != best) excluded.add(new Exclusion(p.runId(), "not the best model for D=" + fmt(best.d())));
      }
      i = j;
    }
    return new Selection(used, excluded);
  }

  /**
   * The compute frontier: of all evaluated points along all learning curves, those with a lower loss than every
   * point that used less compute. Points at zero compute (before the first step) have no place on log axes.
   */
  public static Selection computeFrontier(Sweep sweep, LossUnit unit, ParamMeasure measure) {
    List<SweepPoint> all = new ArrayList<>();
    for (Run run : sweep.runs()) {
      for (StepMetrics s : run.curve(unit)) all.add(SweepPoint.of(s, unit, measure));
    }
    all.sort(Comparator.comparingDouble(SweepPoint::c).thenComparingDouble(SweepPoint::loss));
    List<SweepPoint> used = new ArrayList<>();
    int zero = 0;
    double min = Double.POSITIVE_INFINITY;
    for (SweepPoint p : all) {
      if (!(p.c() > 0)) {
        zero++;
      } else if (p.loss() < min) {
        used.add(p);
        min = p.loss();
      }
    }
    List<Exclusion> excluded = new ArrayList<>();
    int above = all.size() - used.size() - zero;
    if (above > 0) excluded.add(new Exclusion("curve points", above + " point(s) above the compute frontier"));
    if (zero > 0) excluded.add(new Exclusion("curve points", zero + " point(s) at zero compute"));
    return new Selection(used, excluded);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
