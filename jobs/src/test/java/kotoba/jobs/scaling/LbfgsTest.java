package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  @Test
  void findsTheMinimumOfTheRosenbrockValley() {
    Lbfgs.Objective rosen = (x, g) -> {
      double a = 1 - x[0];
      double b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    };
    Lbfgs.Result r = new Lbfgs().minimize(rosen, new double[] {-1.2, 1});
    assertTrue(r.converged());
    assertEquals(1, r.x()[0], 1e-5);
    assertEquals(1, r.x()[1], 1e-5);
  }

  @Test
  void minimisesAnIllConditionedQuadraticInFewIterations() {
    double[] scale = {1, 10, 100, 1000, 1e4};
    Lbfgs.Objective q = (x, g) -> {
      double f = 0;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - i;
        f += 0.5 * scale[i] * d * d;
        g[i] = scale[i] * d;
      }
      return f;
    };
    Lbfgs.Result r = new Lbfgs().minimize(q, new double[5]);
    for (int i = 0; i < 5; i++) assertEquals(i, r.x()[i], 1e-6);
    assertTrue(r.iterations() < 200, "iterations: " + r.iterations());
  }

  @Test
  void stopsWithoutConvergingWhenTheStartIsNotFinite() {
    Lbfgs.Result r = new Lbfgs().minimize((x, g) -> Math.log(x[0]), new double[] {-1});
    assertTrue(!r.converged());
  }
}
