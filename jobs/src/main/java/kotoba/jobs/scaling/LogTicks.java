package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick values for a log axis. Over several decades, powers of ten; over one or two, 1-2-5 steps; within less than a
 * decade (loss axes often span 3 to 5 nats), evenly spaced round numbers, since a log axis there looks linear.
 */
public final class LogTicks {
  private LogTicks() {}

  /** Ticks between 10^lo and 10^hi (log10 bounds). */
  public static List<Double> ticks(double lo, double hi) {
    double span = hi - lo;
    List<Double> out = new ArrayList<>();
    if (span >= 3) {
      int step = (int) Math.max(1, Math.ceil(span / 8));
      for (int k = (int) Math.ceil(lo); k <= hi; k++) if (Math.floorMod(k, step) == 0) out.add(Math.pow(10, k));
      return out;
    }
    if (span >= 0.9) {
      for (int k = (int) Math.floor(lo); k <= Math.ceil(hi); k++) {
        for (double m : new double[] {1, 2, 5}) {
          double v = m * Math.pow(10, k);
          double l = Math.log10(v);
          if (l >= lo && l <= hi) out.add(v);
        }
      }
      if (out.size() >= 3) return out;
      out.clear();
    }
    double vlo = Math.pow(10, lo);
    double vhi = Math.pow(10, hi);
    double step = nice((vhi - vlo) / 6);
    for (double v = Math.ceil(vlo / step) * step; v <= vhi; v += step) out.add(round(v, step));
    return out;
  }

  /** A compact label: 3 significant digits, exponent notation (3e8, 1.5e21) outside [0.01, 1e4). */
  public static String label(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.01 || Math.round(a) >= 1e4)) { // 9999.9 would print as 10000
      String[] parts = String.format(Locale.ROOT, "%.2e", v).split("e");
      return trim(parts[0]) + "e" + Integer.parseInt(parts[1]);
    }
    if (a >= 100) return String.format(Locale.ROOT, "%.0f", v); // %g would switch to exponents at 1000
    return trim(String.format(Locale.ROOT, "%.3g", v));
  }

  private static String trim(String s) {
    if (!s.contains(".")) return s;
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** The round number (1, 2 or 5 times a power of ten) nearest above {@code raw}. */
  private static double nice(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /** Removes the float drift that repeated addition leaves on tick values. */
  private static double round(double v, double step) {
    double p = Math.pow(10, Math.floor(Math.log10(step)) - 2);
    return Math.round(v / p) * p;
  }
}
