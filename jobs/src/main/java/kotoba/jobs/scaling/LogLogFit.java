package kotoba.jobs.scaling;

/** Least-squares fit of a power law L(X) = (X_c / X)^alpha: a straight line through (log X, log L). */
public final class LogLogFit {
  private LogLogFit() {}

  /** Needs at least two distinct positive x and positive losses; the caller checks for enough points. */
  public static PowerLaw fit(double[] x, double[] loss) {
    int n = x.length;
    if (n != loss.length) throw new IllegalArgumentException("length mismatch");
    double mx = 0;
    double my = 0;
    double[] lx = new double[n];
    double[] ly = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0) || !(loss[i] > 0)) throw new IllegalArgumentException("power laws need positive x and loss");
      lx[i] = Math.log(x[i]);
      ly[i] = Math.log(loss[i]);
      mx += lx[i];
      my += ly[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (lx[i] - mx) * (lx[i] - mx);
      sxy += (lx[i] - mx) * (ly[i] - my);
      syy += (ly[i] - my) * (ly[i] - my);
    }
    if (sxx == 0) throw new IllegalArgumentException("all x are equal");
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double ssRes = 0;
    for (int i = 0; i < n; i++) {
      double r = ly[i] - (intercept + slope * lx[i]);
      ssRes += r * r;
    }
    // A flat, exactly fitted line explains everything there is to explain.
    double r2 = syy == 0 ? (ssRes == 0 ? 1.0 : 0.0) : 1.0 - ssRes / syy;
    return new PowerLaw(-slope, intercept, r2);
  }
}
