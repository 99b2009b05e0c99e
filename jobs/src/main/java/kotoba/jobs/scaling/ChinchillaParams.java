package kotoba.jobs.scaling;

/**
 * A fitted L(N, D) = E + A / N^alpha + B / D^beta, and the compute-optimal allocation it implies under C = 6 N D
 * (Hoffmann et al. 2022, eq. 4): N*(C) = G (C/6)^a and D*(C) = (C/6)^b / G with a = beta/(alpha+beta),
 * b = alpha/(alpha+beta), G = (alpha A / (beta B))^(1/(alpha+beta)).
 *
 * @param e irreducible loss E
 * @param a coefficient A of the model-size term
 * @param b coefficient B of the data term
 * @param alpha model-size exponent
 * @param beta data exponent
 * @param objective the Huber objective at the fit (lower is better)
 * @param converged whether the winning L-BFGS run met its tolerance
 */
public record ChinchillaParams(double e, double a, double b, double alpha, double beta, double objective,
    boolean converged) {

  public double predict(double n, double d) {
    return e + a / Math.pow(n, alpha) + b / Math.pow(d, beta);
  }

  /** Exponent of N*(C) ∝ C^a. */
  public double nOptExponent() {
    return beta / (alpha + beta);
  }

  /** Exponent of D*(C) ∝ C^b. */
  public double dOptExponent() {
    return alpha / (alpha + beta);
  }

  /** G in N*(C) = G (C/6)^a. */
  public double g() {
    return Math.pow(alpha * a / (beta * b), 1.0 / (alpha + beta));
  }

  /** The compute-optimal model size for a budget of {@code c} FLOPs. */
  public double nOpt(double c) {
    return g() * Math.pow(c / 6.0, nOptExponent());
  }

  /** The compute-optimal number of training tokens for a budget of {@code c} FLOPs. */
  public double dOpt(double c) {
    return Math.pow(c / 6.0, dOptExponent()) / g();
  }
}
