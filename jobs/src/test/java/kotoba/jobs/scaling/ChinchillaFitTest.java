package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChinchillaFitTest {
  @Test
  void recoversKnownParametersFromExactData() {
    double[][] g = SyntheticSweep.grid(0, 1);
    ChinchillaParams p = ChinchillaFit.fit(g[0], g[1], g[2]);
    assertEquals(SyntheticSweep.ALPHA, p.alpha(), 0.01);
    assertEquals(SyntheticSweep.BETA, p.beta(), 0.01);
    assertEquals(SyntheticSweep.E, p.e(), 0.02);
    assertEquals(Math.log(SyntheticSweep.A), Math.log(p.a()), 0.1);
    assertEquals(Math.log(SyntheticSweep.B), Math.log(p.b()), 0.1);
  }

  @Test
  void recoversKnownParametersFromNoisyData() {
    double[][] g = SyntheticSweep.grid(0.005, 7);
    ChinchillaParams p = ChinchillaFit.fit(g[0], g[1], g[2]);
    assertEquals(SyntheticSweep.ALPHA, p.alpha(), 0.05);
    assertEquals(SyntheticSweep.BETA, p.beta(), 0.05);
    assertEquals(SyntheticSweep.E, p.e(), 0.15);
    double a = SyntheticSweep.BETA / (SyntheticSweep.ALPHA + SyntheticSweep.BETA);
    assertEquals(a, p.nOptExponent(), 0.05);
    assertEquals(1 - a, p.dOptExponent(), 0.05);
    assertEquals(1.0, p.nOptExponent() + p.dOptExponent(), 1e-12);
  }

  @Test
  void bootstrapIntervalsContainTheTrueExponents() {
    double[][] g = SyntheticSweep.grid(0.01, 11);
    List<SweepPoint> pts = new ArrayList<>();
    for (int i = 0; i < g[0].length; i++) pts.add(new SweepPoint("r" + i, 1, g[0][i], g[1][i], 6 * g[0][i] * g[1][i],
        g[2][i]));
    FitResult f = LawFits.chinchilla(LossUnit.NATS, ParamMeasure.TOTAL, new Selection(pts, List.of()), 40, 5);
    assertTrue(f.ok(), f.message());
    assertEquals(40, f.bootstrapUsed());
    Estimate alpha = f.params().get("alpha");
    Estimate beta = f.params().get("beta");
    assertTrue(alpha.lo() <= SyntheticSweep.ALPHA && SyntheticSweep.ALPHA <= alpha.hi(), alpha.toString());
    assertTrue(beta.lo() <= SyntheticSweep.BETA && SyntheticSweep.BETA <= beta.hi(), beta.toString());
    assertTrue(alpha.hi() > alpha.lo() && alpha.hi() - alpha.lo() < 0.2, alpha.toString());
  }

  @Test
  void computeOptimalAllocationSpendsTheBudget() {
    ChinchillaParams p = new ChinchillaParams(1.69, 406.4, 410.7, 0.34, 0.28, 0, true);
    double c = 1e21;
    assertEquals(c, 6 * p.nOpt(c) * p.dOpt(c), c * 1e-9);
    // At the optimum, a small shift between N and D at fixed C cannot lower the loss.
    double n = p.nOpt(c);
    double best = p.predict(n, c / (6 * n));
    for (double f : new double[] {0.8, 0.9, 1.1, 1.25}) {
      assertTrue(p.predict(n * f, c / (6 * n * f)) > best);
    }
  }
}
