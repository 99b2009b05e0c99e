package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * IsoFLOP profiles. Runs whose final compute agrees within {@link #SAME_BUDGET} form a group; when no group holds
 * two model sizes (a sweep over an N x D grid rarely repeats a budget), the profiles are read off the learning
 * curves instead: each run's loss interpolated (log-log) at a few fixed budgets its curve passes through.
 */
public final class IsoFlops {
  /** Final budgets within this factor (a tenth of a decade) count as one. */
  static final double SAME_BUDGET = Math.pow(10, 0.1);
  /** Budgets probed along the curves in the fallback. */
  static final int LEVELS = 5;

  /** How the groups were formed, for the report. */
  public enum Mode {
    FINAL_COMPUTE, ALONG_CURVES
  }

  /**
   * The profiles and how they were made.
   *
   * @param mode grouping by final compute, or interpolation along curves
   * @param groups groups with at least two model sizes, by increasing budget
   */
  public record Profiles(Mode mode, List<IsoFlopGroup> groups) {}

  private IsoFlops() {}

  public static Profiles of(Sweep sweep, LossUnit unit, ParamMeasure measure) {
    List<SweepPoint> finals = new ArrayList<>(PointSelection.finalPoints(sweep, unit, measure).used());
    finals.removeIf(p -> !(p.c() > 0));
    finals.sort(Comparator.comparingDouble(SweepPoint::c));
    List<IsoFlopGroup> groups = new ArrayList<>();
    int i = 0;
    while (i < finals.size()) {
      int j = i;
      while (j < finals.size() && finals.get(j).c() <= finals.get(i).c() * SAME_BUDGET) j++;
      List<SweepPoint> members = finals.subList(i, j);
      if (members.stream().mapToDouble(SweepPoint::n).distinct().count() >= 2) groups.add(group(members));
      i = j;
    }
    if (!groups.isEmpty()) return new Profiles(Mode.FINAL_COMPUTE, groups);
    return new Profiles(Mode.ALONG_CURVES, alongCurves(sweep, unit, measure, finals));
  }

  private static List<IsoFlopGroup> alongCurves(Sweep sweep, LossUnit unit, ParamMeasure measure,
      List<SweepPoint> finals) {
    List<IsoFlopGroup> groups = new ArrayList<>();
    if (finals.size() < 2) return groups;
    // Probe between the smallest and largest final budgets, where the most curves overlap.
    double lo = Math.log(finals.get(0).c());
    double hi = Math.log(finals.get(finals.size() - 1).c());
    for (int k = 0; k < LEVELS; k++) {
      double c = Math.exp(LEVELS == 1 ? hi : lo + (hi - lo) * k / (LEVELS - 1));
      List<SweepPoint> members = new ArrayList<>();
      for (Run run : sweep.runs()) {
        SweepPoint p = interpolate(run.curve(unit), c, unit, measure);
        if (p != null) members.add(p);
      }
      if (members.stream().mapToDouble(SweepPoint::n).distinct().count() >= 2) groups.add(group(members));
    }
    return groups;
  }

  /** The run's loss at compute {@code c}, log-log interpolated between the evaluated steps around it. */
  static SweepPoint interpolate(List<StepMetrics> curve, double c, LossUnit unit, ParamMeasure measure) {
    for (int i = 0; i + 1 < curve.size(); i++) {
      StepMetrics a = curve.get(i);
      StepMetrics b = curve.get(i + 1);
      if (a.flops() > 0 && a.flops() <= c && c <= b.flops() && b.flops() > a.flops()) {
        double t = (Math.log(c) - Math.log(a.flops())) / (Math.log(b.flops()) - Math.log(a.flops()));
        double loss = Math.exp(Math.log(a.loss(unit)) + t * (Math.log(b.loss(unit)) - Math.log(a.loss(unit))));
        double d = Math.exp(Math.log(a.tokensSeen()) + t * (Math.log(b.tokensSeen()) - Math.log(a.tokensSeen())));
        return new SweepPoint(a.runId(), Math.round(a.step() + t * (b.step() - a.step())), a.params(measure), d, c,
            loss);
      }
    }
    return null;
  }

  private static IsoFlopGroup group(List<SweepPoint> members) {
    List<SweepPoint> pts = new ArrayList<>(members);
    pts.sort(Comparator.comparingDouble(SweepPoint::n));
    double logC = pts.stream().mapToDouble(p -> Math.log(p.c())).average().orElseThrow();
    return new IsoFlopGroup(Math.exp(logC), pts, parabolaMinimum(pts));
  }

  /** Least-squares parabola loss = p0 + p1 x + p2 x^2 in x = log N; its vertex when it is a minimum inside the data. */
  static double parabolaMinimum(List<SweepPoint> pts) {
    if (pts.stream().mapToDouble(SweepPoint::n).distinct().count() < 3) return Double.NaN;
    // Centre log N: the normal equations in raw log N (around 15..25) are needlessly ill-conditioned.
    double mean = pts.stream().mapToDouble(p -> Math.log(p.n())).average().orElseThrow();
    double[][] m = new double[3][4];
    for (SweepPoint p : pts) {
      double x = Math.log(p.n()) - mean;
      double[] row = {1, x, x * x};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
        m[r][3] += row[r] * p.loss();
      }
    }
    double[] coef = solve3(m);
    if (coef == null || !(coef[2] > 0)) return Double.NaN;
    double x = mean - coef[1] / (2 * coef[2]);
    double minX = pts.stream().mapToDouble(p -> Math.log(p.n())).min().orElseThrow();
    double maxX = pts.stream().mapToDouble(p -> Math.log(p.n())).max().orElseThrow();
    // A vertex outside the sizes tried is an extrapolation the profile does not support.
    return x >= minX && x <= maxX ? Math.exp(x) : Double.NaN;
  }

  /** Gaussian elimination with partial pivoting on an augmented 3x4 system; null when singular. */
  private static double[] solve3(double[][] m) {
    for (int col = 0; col < 3; col++) {
      int piv = col;
      for (int r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
      if (Math.abs(m[piv][col]) < 1e-300) return null;
      double[] t = m[col];
      m[col] = m[piv];
      m[piv] = t;
      for (int r = 0; r < 3; r++) {
        if (r == col) continue;
        double f = m[r][col] / m[col][col];
        for (int c = col; c < 4; c++) m[r][c] -= f * m[col][c];
      }
    }
    return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  }
}
