package kotoba.jobs.scaling;

/**
 * A fitted L(X) = (X_c / X)^alpha, kept as its log-log line log L = intercept - alpha log X so that it predicts
 * finely even when X_c overflows a double (alpha near zero).
 *
 * @param alpha the exponent
 * @param logIntercept log L at X = 1
 * @param r2 coefficient of determination of the line in log-log space
 */
public record PowerLaw(double alpha, double logIntercept, double r2) {
  /** X_c = exp(intercept / alpha); infinite or zero when alpha is (near) zero. */
  public double xc() {
    return Math.exp(logIntercept / alpha);
  }

  public double predict(double x) {
    return Math.exp(logIntercept - alpha * Math.log(x));
  }
}
