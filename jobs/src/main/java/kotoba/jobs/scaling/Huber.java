package kotoba.jobs.scaling;

/** The Huber loss: quadratic within ±delta, linear outside, so a few bad points cannot dominate a fit. */
public final class Huber {
  private Huber() {}

  public static double loss(double r, double delta) {
    double a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }

  /** d loss / d r. */
  public static double derivative(double r, double delta) {
    return Math.abs(r) <= delta ? r : Math.copySign(delta, r);
  }
}
