package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogLogFitTest {
  private static final double ALPHA = 0.076;
  private static final double NC = 8.8e13;

  private static double law(double n) {
    return Math.pow(NC / n, ALPHA);
  }

  @Test
  void recoversAnExactPowerLawWithUnitR2() {
    double[] n = {1e5, 1e6, 1e7, 1e8, 1e9};
    double[] y = new double[n.length];
    for (int i = 0; i < n.length; i++) y[i] = law(n[i]);
    PowerLaw p = LogLogFit.fit(n, y);
    assertEquals(ALPHA, p.alpha(), 1e-12);
    assertEquals(Math.log(NC), Math.log(p.xc()), 1e-9);
    assertEquals(1.0, p.r2(), 1e-12);
    assertEquals(law(3e6), p.predict(3e6), 1e-12);
  }

  @Test
  void r2DropsWhenThePointsScatter() {
    double[] n = {1e5, 1e6, 1e7, 1e8};
    double[] y = {law(1e5) * 1.3, law(1e6) * 0.8, law(1e7) * 1.25, law(1e8) * 0.85};
    assertTrue(LogLogFit.fit(n, y).r2() < 0.9);
  }

  @Test
  void bootstrapIntervalContainsTheTrueExponent() {
    Random rng = new Random(3);
    int k = 12;
    double[] n = new double[k];
    double[] y = new double[k];
    for (int i = 0; i < k; i++) {
      n[i] = Math.pow(10, 5 + 4.0 * i / (k - 1));
      y[i] = law(n[i]) * Math.exp(0.01 * rng.nextGaussian());
    }
    List<double[]> boot = Bootstrap.replicate(k, 300, 11, idx -> {
      double[] bx = Bootstrap.pick(n, idx);
      if (java.util.Arrays.stream(bx).distinct().count() < 2) return null;
      return new double[] {LogLogFit.fit(bx, Bootstrap.pick(y, idx)).alpha()};
    });
    Bootstrap.Interval ci = Bootstrap.interval(boot, 0);
    assertTrue(ci.contains(ALPHA), "interval " + ci);
    assertTrue(ci.hi() - ci.lo() < 0.02, "interval too wide: " + ci);
    assertTrue(ci.hi() > ci.lo());
  }

  @Test
  void bootstrapIsReproducibleFromItsSeed() {
    double[] v = {1, 2, 3, 4, 5, 6, 7};
    List<double[]> a = Bootstrap.replicate(v.length, 20, 5, idx -> new double[] {Bootstrap.pick(v, idx)[0]});
    List<double[]> b = Bootstrap.replicate(v.length, 20, 5, idx -> new double[] {Bootstrap.pick(v, idx)[0]});
    for (int i = 0; i < 20; i++) assertEquals(a.get(i)[0], b.get(i)[0]);
  }

  @Test
  void rejectsNonPositiveValuesAndEqualX() {
    assertThrows(IllegalArgumentException.class, () -> LogLogFit.fit(new double[] {1, 2}, new double[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> LogLogFit.fit(new double[] {3, 3}, new double[] {1, 2}));
  }
}
