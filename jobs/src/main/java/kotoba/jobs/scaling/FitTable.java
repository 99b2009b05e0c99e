package kotoba.jobs.scaling;

import java.util.Locale;
import java.util.Map;

/** The fitted laws as plain text for the terminal: what was left out, then each fit with its 95% intervals. */
public final class FitTable {
  private FitTable() {}

  public static String format(Analysis a) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "metrics: %s (%d file(s), %d rows, %d run(s) used)%n", a.metrics().source(),
        a.metrics().files().size(), a.metrics().rows().size(), a.sweep().runs().size()));
    for (Exclusion e : a.sweep().excluded()) sb.append("excluded: ").append(e.what()).append(": ").append(e.reason())
        .append('\n');
    for (FitResult f : a.fits()) {
      sb.append(String.format(Locale.ROOT, "%-7s %-11s %-18s", f.law(), f.unit().label(),
          f.measure() == null ? "" : "N=" + f.measure().key()));
      if (!f.ok()) {
        sb.append("skipped: ").append(f.message()).append('\n');
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%d points", f.points().size()));
      if (Double.isFinite(f.r2())) sb.append(String.format(Locale.ROOT, ", R^2=%.4f", f.r2()));
      sb.append(String.format(Locale.ROOT, ", %d bootstrap refits%n", f.bootstrapUsed()));
      for (Map.Entry<String, Estimate> e : f.params().entrySet()) {
        Estimate v = e.getValue();
        sb.append(String.format(Locale.ROOT, "    %-6s = %-11s 95%% CI [%s, %s]%n", e.getKey(), num(v.value()),
            num(v.lo()), num(v.hi())));
      }
    }
    return sb.toString();
  }

  /** Four significant digits, exponent notation outside [1e-3, 1e5). */
  public static String num(double v) {
    if (!Double.isFinite(v)) return Double.isNaN(v) ? "-" : (v > 0 ? "inf" : "-inf");
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3e", v);
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
