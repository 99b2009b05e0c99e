package kotoba.jobs.scaling;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithm 7.4/7.5) with a backtracking Armijo
 * line search. Small and dependency-free: the scaling fits have at most five parameters and a few hundred points.
 */
public final class Lbfgs {
  /** A function to minimise: returns f(x) and writes its gradient into {@code grad}. */
  @FunctionalInterface
  public interface Objective {
    double evaluate(double[] x, double[] grad);
  }

  /**
   * Where the search stopped.
   *
   * @param x the best point found
   * @param value f(x)
   * @param iterations iterations taken
   * @param converged whether a tolerance was met (rather than the iteration limit or a failed line search)
   */
  public record Result(double[] x, double value, int iterations, boolean converged) {}

  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 60;

  private final int memory;
  private final int maxIterations;
  private final double gradTolerance;
  private final double valueTolerance;

  /**
   * @param memory correction pairs kept
   * @param maxIterations iteration limit
   * @param gradTolerance stop when the largest gradient component is at most this
   * @param valueTolerance stop when an iteration lowers f by at most this fraction of |f|
   */
  public Lbfgs(int memory, int maxIterations, double gradTolerance, double valueTolerance) {
    if (memory < 1 || maxIterations < 1) throw new IllegalArgumentException("memory and maxIterations must be >= 1");
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.gradTolerance = gradTolerance;
    this.valueTolerance = valueTolerance;
  }

  /** Defaults that suit the scaling fits: 10 pairs, 1000 iterations, tight tolerances. */
  public Lbfgs() {
    this(10, 1000, 1e-12, 1e-13);
  }

  public Result minimize(Objective f, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    if (!Double.isFinite(fx) || !finite(g)) return new Result(x, fx, 0, false);
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xTrial = new double[n];
    double[] gTrial = new double[n];
    double[] alpha = new double[memory];
    for (int it = 0; it < maxIterations; it++) {
      if (normInf(g) <= gradTolerance) return new Result(x, fx, it, true);
      direction(g, s, y, rho, stored, newest, alpha, d);
      double slope = dot(d, g);
      if (!(slope < 0)) { // numerical trouble made H lose positive definiteness: fall back to steepest descent
        stored = 0;
        for (int i = 0; i < n; i++) d[i] = -g[i];
        slope = -dot(g, g);
      }
      // The first step has no curvature information to scale it: keep it to a unit move in the largest coordinate.
      double t = stored == 0 ? Math.min(1.0, 1.0 / normInf(d)) : 1.0;
      double fTrial = Double.NaN;
      boolean accepted = false;
      for (int k = 0; k < MAX_BACKTRACKS; k++) {
        for (int i = 0; i < n; i++) xTrial[i] = x[i] + t * d[i];
        fTrial = f.evaluate(xTrial, gTrial);
        if (Double.isFinite(fTrial) && finite(gTrial) && fTrial <= fx + ARMIJO * t * slope) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        if (stored == 0) return new Result(x, fx, it, normInf(g) <= Math.sqrt(gradTolerance));
        stored = 0; // retry from steepest descent before giving up
        continue;
      }
      double sy = 0;
      double yy = 0;
      int slot = (newest + 1) % memory;
      for (int i = 0; i < n; i++) {
        s[slot][i] = xTrial[i] - x[i];
        y[slot][i] = gTrial[i] - g[i];
        sy += s[slot][i] * y[slot][i];
        yy += y[slot][i] * y[slot][i];
      }
      // Keep the pair only when it carries positive curvature; otherwise the update would break H.
      if (sy > 1e-16 * yy && sy > 0) {
        rho[slot] = 1.0 / sy;
        newest = slot;
        stored = Math.min(stored + 1, memory);
      }
      double decrease = fx - fTrial;
      System.arraycopy(xTrial, 0, x, 0, n);
      System.arraycopy(gTrial, 0, g, 0, n);
      fx = fTrial;
      if (decrease <= valueTolerance * Math.max(Math.abs(fx), Double.MIN_NORMAL)) {
        return new Result(x, fx, it + 1, true);
      }
    }
    return new Result(x, fx, maxIterations, normInf(g) <= gradTolerance);
  }

  /** Two-loop recursion: d = -H g with the stored pairs, newest first, scaled by s'y/y'y of the newest pair. */
  private void direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest,
      double[] alpha, double[] d) {
    int n = g.length;
    for (int i = 0; i < n; i++) d[i] = -g[i];
    if (stored == 0) return;
    for (int k = 0; k < stored; k++) {
      int j = Math.floorMod(newest - k, memory);
      alpha[j] = rho[j] * dot(s[j], d);
      for (int i = 0; i < n; i++) d[i] -= alpha[j] * y[j][i];
    }
    double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
    for (int i = 0; i < n; i++) d[i] *= gamma;
    for (int k = stored - 1; k >= 0; k--) {
      int j = Math.floorMod(newest - k, memory);
      double beta = rho[j] * dot(y[j], d);
      for (int i = 0; i < n; i++) d[i] += s[j][i] * (alpha[j] - beta);
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }

  private static double normInf(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }

  private static boolean finite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }
}
