package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Nonparametric bootstrap: refit on points resampled with replacement, B times from a fixed seed, and read
 * percentile intervals off the refits (Besiroglu et al. 2024 use it for the Chinchilla fit's parameters).
 */
public final class Bootstrap {
  /**
   * Percentile bounds of one parameter.
   *
   * @param lo the 2.5th percentile
   * @param hi the 97.5th percentile
   */
  public record Interval(double lo, double hi) {
    public boolean contains(double v) {
      return v >= lo && v <= hi;
    }
  }

  private Bootstrap() {}

  /**
   * Runs {@code fit} on {@code replicates} resamples of indices 0..n-1, in parallel ({@code fit} must be safe to
   * call concurrently). A resample the fit cannot use (it returns null, say for too few distinct x) is dropped; the
   * caller sees how many succeeded from the list size.
   */
  public static List<double[]> replicate(int n, int replicates, long seed, Function<int[], double[]> fit) {
    // Draw every resample first, in order, so the result does not depend on how the refits are scheduled;
    // the refits themselves are independent and share the cores.
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] resamples = new int[replicates][n];
    for (int[] idx : resamples) {
      for (int i = 0; i < n; i++) idx[i] = rng.nextInt(n);
    }
    List<double[]> fitted = IntStream.range(0, replicates).parallel().mapToObj(r -> fit.apply(resamples[r])).toList();
    List<double[]> out = new ArrayList<>();
    for (double[] est : fitted) if (est != null) out.add(est);
    return out;
  }

  /** The 2.5/97.5 percentile interval of parameter {@code k} over the refits; NaN bounds when there are none. */
  public static Interval interval(List<double[]> estimates, int k) {
    double[] v = estimates.stream().mapToDouble(e -> e[k]).filter(Double::isFinite).sorted().toArray();
    return new Interval(percentile(v, 2.5), percentile(v, 97.5));
  }

  /** Linear interpolation between order statistics (the usual "type 7" definition) of a sorted array. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) return Double.NaN;
    double pos = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Picks {@code values[idx[i]]}: the resampled copy of one coordinate. */
  public static double[] pick(double[] values, int[] idx) {
    return Arrays.stream(idx).mapToDouble(i -> values[i]).toArray();
  }
}
