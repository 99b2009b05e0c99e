package kotoba.jobs.scaling;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kotoba.pipeline.storage.Storage;

/**
 * The scaling-law report: one self-contained report.html (inline SVG charts, the table of fitted parameters with
 * their intervals, what was left out and why) and fits.json beside it with the same numbers.
 */
public final class ScalingReport {
  public static final String HTML = "report.html";
  public static final String JSON = "fits.json";

  private ScalingReport() {}

  /** Writes report.html and fits.json into {@code outputDir}; returns the path of report.html. */
  public static String write(Analysis a, LossUnit unit, String outputDir, Storage storage) {
    String json = Storage.child(outputDir, JSON);
    String html = Storage.child(outputDir, HTML);
    storage.writeAtomically(json, FitsJson.write(a).getBytes(StandardCharsets.UTF_8));
    storage.writeAtomically(html, html(a, unit).getBytes(StandardCharsets.UTF_8));
    return html;
  }

  /** The page, charts in {@code unit}; the table covers both units. */
  public static String html(Analysis a, LossUnit unit) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>kotoba scaling report</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left;font-size:13px}th{background:#f3f3f3}td.num{text-align:right;font-family:monospace}"
            + "figure{margin:1.5em 0}.skip{color:#a33}</style></head><body>\n");
    sb.append("<h1>Scaling laws</h1>\n<p>Metrics: <code>").append(esc(a.metrics().source())).append("</code> — ")
        .append(a.metrics().files().size()).append(" file(s), ").append(a.metrics().rows().size()).append(" rows, ")
        .append(a.sweep().runs().size()).append(" run(s) used. Charts in ").append(esc(unit.label()))
        .append(". Intervals: bootstrap percentile 2.5–97.5 over ").append(a.bootstrap())
        .append(" resamples of the fitted points (seed ").append(a.seed()).append("). The same numbers as JSON: <a href=\"")
        .append(JSON).append("\">").append(JSON).append("</a>.</p>\n");
    excludedRuns(sb, a);
    sb.append("<h2>Fitted parameters</h2>\n");
    table(sb, a);
    sb.append("<h2>Charts</h2>\n");
    for (SvgPlot p : plots(a, unit)) sb.append("<figure>\n").append(p.render()).append("</figure>\n");
    sb.append("<h2>Points left out of each fit</h2>\n");
    fitExclusions(sb, a);
    sb.append("</body></html>\n");
    return sb.toString();
  }

  /** Every chart of the page, in order. */
  static List<SvgPlot> plots(Analysis a, LossUnit unit) {
    List<SvgPlot> plots = new ArrayList<>();
    plots.add(ReportPlots.learningCurves(a, unit));
    for (ParamMeasure m : ParamMeasure.values()) {
      FitResult f = a.fit("L(N)", unit, m);
      plots.add(ReportPlots.powerLaw(f, PointSelection.finalPoints(a.sweep(), unit, m).used(), SweepPoint.Axis.N,
          "L(N): loss vs model size, " + m.key() + " parameters", m.label()));
    }
    plots.add(ReportPlots.powerLaw(a.fit("L(D)", unit, null),
        PointSelection.finalPoints(a.sweep(), unit, ParamMeasure.TOTAL).used(), SweepPoint.Axis.D,
        "L(D): loss vs training tokens", "tokens D"));
    List<SweepPoint> curves = new ArrayList<>();
    for (Run r : a.sweep().runs()) {
      for (StepMetrics s : r.curve(unit)) curves.add(SweepPoint.of(s, unit, ParamMeasure.TOTAL));
    }
    plots.add(ReportPlots.powerLaw(a.fit("L(C)", unit, null), curves, SweepPoint.Axis.C,
        "L(C): compute frontier", "training compute C, FLOPs"));
    plots.add(ReportPlots.isoFlops(a.isoFlops().get(unit), unit));
    for (ParamMeasure m : ParamMeasure.values()) {
      plots.add(ReportPlots.chinchilla(a.fit("L(N,D)", unit, m),
          "L(N,D) = E + A/N^α + B/D^β, " + m.key() + " parameters (dashed: fit at each D)"));
    }
    return plots;
  }

  private static void excludedRuns(StringBuilder sb, Analysis a) {
    if (a.sweep().excluded().isEmpty()) return;
    sb.append("<h2>Excluded runs and input</h2>\n<table><tr><th>what</th><th>reason</th></tr>\n");
    for (Exclusion e : a.sweep().excluded()) {
      sb.append("<tr><td>").append(esc(e.what())).append("</td><td>").append(esc(e.reason())).append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private static void table(StringBuilder sb, Analysis a) {
    sb.append("<table><tr><th>law</th><th>unit</th><th>N</th><th>parameter</th><th>value</th><th>95% interval</th>"
        + "<th>R²</th><th>points</th><th>refits</th></tr>\n");
    for (FitResult f : a.fits()) {
      String head = "<td>" + esc(f.law()) + "</td><td>" + esc(f.unit().label()) + "</td><td>"
          + (f.measure() == null ? "" : esc(f.measure().key())) + "</td>";
      if (!f.ok()) {
        sb.append("<tr>").append(head).append("<td colspan=\"6\" class=\"skip\">skipped: ").append(esc(f.message()))
            .append("</td></tr>\n");
        continue;
      }
      boolean first = true;
      for (Map.Entry<String, Estimate> e : f.params().entrySet()) {
        Estimate v = e.getValue();
        sb.append("<tr>").append(first ? head : "<td></td><td></td><td></td>").append("<td>").append(esc(e.getKey()))
            .append("</td><td class=\"num\">").append(FitTable.num(v.value())).append("</td><td class=\"num\">[")
            .append(FitTable.num(v.lo())).append(", ").append(FitTable.num(v.hi())).append("]</td>");
        if (first) {
          sb.append("<td class=\"num\">").append(Double.isFinite(f.r2())
                  ? String.format(Locale.ROOT, "%.4f", f.r2()) : "").append("</td><td class=\"num\">")
              .append(f.points().size()).append("</td><td class=\"num\">").append(f.bootstrapUsed()).append("</td>");
        } else {
          sb.append("<td></td><td></td><td></td>");
        }
        sb.append("</tr>\n");
        first = false;
      }
    }
    sb.append("</table>\n<p>L(N,D): a and b are the exponents of the compute-optimal N*(C) ∝ C<sup>a</sup> and "
        + "D*(C) ∝ C<sup>b</sup> (C = 6ND). Single-variable laws: L(X) = (X<sub>c</sub>/X)<sup>α</sup>, fitted by "
        + "least squares in log-log space; L(N) uses per model size the best run at the largest D, L(D) per data "
        + "budget the best model, L(C) the lower envelope of all learning curves.</p>\n");
  }

  private static void fitExclusions(StringBuilder sb, Analysis a) {
    for (FitResult f : a.fits()) {
      if (f.excluded().isEmpty()) continue;
      sb.append("<details><summary>").append(esc(f.law())).append(", ").append(esc(f.unit().label()))
          .append(f.measure() == null ? "" : ", N " + esc(f.measure().key())).append(": ")
          .append(f.excluded().size()).append(" left out</summary><ul>\n");
      for (Exclusion e : f.excluded()) {
        sb.append("<li>").append(esc(e.what())).append(": ").append(esc(e.reason())).append("</li>\n");
      }
      sb.append("</ul></details>\n");
    }
  }

  private static String esc(String s) {
    return SvgPlot.esc(s);
  }
}
