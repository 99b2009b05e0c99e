package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoFlopsTest {
  @Test
  void parabolaMinimumFindsTheBestModelSize() {
    double nOpt = 3e7;
    List<SweepPoint> pts = new ArrayList<>();
    for (double n : new double[] {1e6, 1e7, 1e8, 1e9}) {
      double x = Math.log(n / nOpt);
      pts.add(new SweepPoint("r", 1, n, 1, 1e18, 3 + 0.1 * x * x));
    }
    assertEquals(Math.log(nOpt), Math.log(IsoFlops.parabolaMinimum(pts)), 1e-9);
  }

  @Test
  void noMinimumWhenTheProfileOnlyFalls() {
    List<SweepPoint> pts = List.of(new SweepPoint("a", 1, 1e6, 1, 1, 5), new SweepPoint("b", 1, 1e7, 1, 1, 4),
        new SweepPoint("c", 1, 1e8, 1, 1, 3.5));
    assertTrue(Double.isNaN(IsoFlops.parabolaMinimum(pts)));
  }

  @Test
  void runsAtTheSameFinalComputeFormOneProfile() {
    // C = 6ND: (1e6, 1e9) and (1e7, 1e8) and (1e8, 1e7) all spend 6e15.
    String csv = SyntheticSweep.csv(new double[] {1e6}, new double[] {1e9}, 2)
        + SyntheticSweep.csv(new double[] {1e7}, new double[] {1e8}, 2).lines().skip(1)
            .map(l -> l + "\n").reduce("", String::concat)
        + SyntheticSweep.csv(new double[] {1e8}, new double[] {1e7}, 2).lines().skip(1)
            .map(l -> l + "\n").reduce("", String::concat);
    List<StepMetrics> rows = new ArrayList<>();
    MetricsCsv.parse("t", csv, rows, new ArrayList<>());
    Sweep sweep = Sweep.of(new MetricsTable("t", List.of("t"), rows, List.of()));
    IsoFlops.Profiles p = IsoFlops.of(sweep, LossUnit.NATS, ParamMeasure.TOTAL);
    assertEquals(IsoFlops.Mode.FINAL_COMPUTE, p.mode());
    assertEquals(1, p.groups().size());
    assertEquals(3, p.groups().get(0).points().size());
    assertEquals(6e15, p.groups().get(0).c(), 6e15 * 1e-6);
  }

  @Test
  void withoutSharedBudgetsProfilesAreReadOffTheCurves() {
    // One data budget, three sizes: final budgets differ, but the curves overlap around C = 1.8e16.
    String csv = SyntheticSweep.csv(new double[] {1e6, 2e6, 5e6}, new double[] {3e9}, 5);
    List<StepMetrics> rows = new ArrayList<>();
    MetricsCsv.parse("t", csv, rows, new ArrayList<>());
    Sweep sweep = Sweep.of(new MetricsTable("t", List.of("t"), rows, List.of()));
    IsoFlops.Profiles p = IsoFlops.of(sweep, LossUnit.NATS, ParamMeasure.TOTAL);
    assertEquals(IsoFlops.Mode.ALONG_CURVES, p.mode());
    assertTrue(!p.groups().isEmpty());
    for (IsoFlopGroup g : p.groups()) {
      assertTrue(g.points().size() >= 2);
      for (SweepPoint pt : g.points()) {
        // Interpolated on the curve: the loss is the synthetic law's at the tokens that compute buys.
        assertEquals(SyntheticSweep.truth(pt.n(), g.c() / (6 * pt.n())), pt.loss(), 0.02);
      }
    }
  }
}
