package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hoffmann et al. 2022, approach 3: fit L(N, D) = E + A/N^alpha + B/D^beta by minimising the Huber loss (delta =
 * 1e-3) between the predicted and observed log loss, with the prediction written as
 * log L = LSE(a - alpha log N, b - beta log D, e) (A = exp a, B = exp b, E = exp e), by L-BFGS from every point of a
 * grid of initial values, keeping the best (every start runs briefly, the best few run to convergence). The gradient
 * is analytic.
 */
public final class ChinchillaFit {
  /** The paper's Huber delta. */
  public static final double DELTA = 1e-3;
  /** Iterations every start gets before the best are polished. */
  static final int SCREEN_ITERATIONS = 100;
  /** How many screened starts are run to convergence. */
  static final int POLISHED = 8;

  private ChinchillaFit() {}

  /** The paper's grid over (a, b, e, alpha, beta): alpha, beta in 0..2 by .5, e in -1..1 by .5, a, b in 0..25 by 5. */
  public static List<double[]> paperGrid() {
    List<double[]> grid = new ArrayList<>();
    for (double a = 0; a <= 25; a += 5) {
      for (double b = 0; b <= 25; b += 5) {
        for (double e = -1; e <= 1.0001; e += 0.5) {
          for (double alpha = 0; alpha <= 2.0001; alpha += 0.5) {
            for (double beta = 0; beta <= 2.0001; beta += 0.5) grid.add(new double[] {a, b, e, alpha, beta});
          }
        }
      }
    }
    return grid;
  }

  /** Fits from every point of the paper's grid. */
  public static ChinchillaParams fit(double[] n, double[] d, double[] loss) {
    return fit(n, d, loss, paperGrid(), Integer.MAX_VALUE);
  }

  /**
   * Fits from the {@code maxStarts} starts with the lowest initial objective (all of them when maxStarts is at least
   * the number of starts): the bootstrap's many refits start from the best few instead of the whole grid.
   */
  public static ChinchillaParams fit(double[] n, double[] d, double[] loss, List<double[]> starts, int maxStarts) {
    if (n.length != d.length || n.length != loss.length) throw new IllegalArgumentException("length mismatch");
    if (n.length == 0) throw new IllegalArgumentException("no points");
    Objective obj = new Objective(n, d, loss);
    List<double[]> chosen = starts;
    if (maxStarts < starts.size()) {
      double[] scratch = new double[5];
      chosen = starts.stream()
          .map(s -> new Object[] {s, obj.evaluate(s, scratch)})
          .filter(o -> Double.isFinite((double) o[1]))
          .sorted(Comparator.comparingDouble(o -> (double) o[1]))
          .limit(maxStarts)
          .map(o -> (double[]) o[0])
          .toList();
    }
    // Most of the grid's 4500 starts lie far from any optimum and take hundreds of slow iterations to get
    // anywhere: screen every start with a short run, then polish the few best to full convergence.
    List<Lbfgs.Result> screened = new ArrayList<>();
    if (chosen.size() <= POLISHED) {
      for (double[] start : chosen) screened.add(new Lbfgs.Result(start, Double.NaN, 0, false));
    } else {
      Lbfgs screen = new Lbfgs(10, SCREEN_ITERATIONS, 1e-12, 1e-13);
      // Starts are independent: screen them on all cores (Lbfgs and the objective keep no state between calls).
      screened = new ArrayList<>(chosen.parallelStream().map(start -> screen.minimize(obj, start))
          .filter(r -> Double.isFinite(r.value())).toList());
      screened.sort(Comparator.comparingDouble(Lbfgs.Result::value));
      screened = screened.subList(0, Math.min(POLISHED, screened.size()));
    }
    Lbfgs polish = new Lbfgs();
    Lbfgs.Result best = null;
    for (Lbfgs.Result s : screened) {
      Lbfgs.Result r = polish.minimize(obj, s.x());
      if (Double.isFinite(r.value()) && (best == null || r.value() < best.value())) best = r;
    }
    double[] x = best.x();
    return new ChinchillaParams(Math.exp(x[2]), Math.exp(x[0]), Math.exp(x[1]), x[3], x[4], best.value(),
        best.converged());
  }

  /** The start vector (a, b, e, alpha, beta) that reproduces {@code p}: lets a refit begin at a previous optimum. */
  public static double[] startAt(ChinchillaParams p) {
    return new double[] {Math.log(p.a()), Math.log(p.b()), Math.log(p.e()), p.alpha(), p.beta()};
  }

  /** Sum over points of Huber(LSE(...) - log L), with its gradient in (a, b, e, alpha, beta). */
  static final class Objective implements Lbfgs.Objective {
    private final double[] logN;
    private final double[] logD;
    private final double[] logL;

    Objective(double[] n, double[] d, double[] loss) {
      logN = Arrays.stream(n).map(Math::log).toArray();
      logD = Arrays.stream(d).map(Math::log).toArray();
      logL = Arrays.stream(loss).map(Math::log).toArray();
    }

    @Override
    public double evaluate(double[] x, double[] grad) {
      double a = x[0];
      double b = x[1];
      double e = x[2];
      double alpha = x[3];
      double beta = x[4];
      Arrays.fill(grad, 0);
      double sum = 0;
      for (int i = 0; i < logL.length; i++) {
        double t1 = a - alpha * logN[i];
        double t2 = b - beta * logD[i];
        double m = Math.max(e, Math.max(t1, t2));
        double w1 = Math.exp(t1 - m);
        double w2 = Math.exp(t2 - m);
        double w3 = Math.exp(e - m);
        double z = w1 + w2 + w3;
        double lse = m + Math.log(z);
        double r = lse - logL[i];
        sum += Huber.loss(r, DELTA);
        double h = Huber.derivative(r, DELTA) / z;
        grad[0] += h * w1;
        grad[1] += h * w2;
        grad[2] += h * w3;
        grad[3] -= h * w1 * logN[i];
        grad[4] -= h * w2 * logD[i];
      }
      return sum;
    }
  }
}
