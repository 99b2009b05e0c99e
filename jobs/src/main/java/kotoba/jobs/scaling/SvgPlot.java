package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A log-log chart drawn as inline SVG, so the report is one self-contained file: labelled ticks, a title, axis
 * labels, point series, line series and a legend.
 */
public final class SvgPlot {
  /** Distinguishable colours, cycled by series. */
  public static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
  private static final int WIDTH = 780;
  private static final int HEIGHT = 440;
  private static final int LEFT = 78;
  private static final int RIGHT = 570;
  private static final int TOP = 40;
  private static final int BOTTOM = 380;
  private static final int MAX_LEGEND = 18;

  private record Series(String label, double[] x, double[] y, String color, boolean line, boolean filled,
      boolean dashed) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();

  public SvgPlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Markers at (x, y); hollow markers for points shown but not fitted. A null label keeps it out of the legend. */
  public SvgPlot points(String label, double[] x, double[] y, String color, boolean filled) {
    series.add(new Series(label, x.clone(), y.clone(), color, false, filled, false));
    return this;
  }

  /** A polyline through (x, y) in order. */
  public SvgPlot line(String label, double[] x, double[] y, String color, boolean dashed) {
    series.add(new Series(label, x.clone(), y.clone(), color, true, false, dashed));
    return this;
  }

  /** Whether anything plottable (positive, finite) was added. */
  public boolean isEmpty() {
    return series.stream().noneMatch(s -> {
      for (int i = 0; i < s.x.length; i++) if (plottable(s.x[i], s.y[i])) return true;
      return false;
    });
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    sb.append("<title>").append(esc(title)).append("</title>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        LEFT, esc(title)));
    if (isEmpty()) {
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data to plot</text>%n</svg>%n", LEFT + 20,
          (TOP + BOTTOM) / 2));
      return sb.toString();
    }
    double[] xr = range(true);
    double[] yr = range(false);
    Axis ax = new Axis(xr[0], xr[1], LEFT, RIGHT);
    Axis ay = new Axis(yr[0], yr[1], BOTTOM, TOP);
    sb.append(String.format(Locale.ROOT, "<clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
        + "</clipPath>%n", clipId(), LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#444\"/>%n", LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
    for (double t : LogTicks.ticks(xr[0], xr[1])) {
      double px = ax.map(t);
      sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, BOTTOM, px, BOTTOM + 16,
          esc(LogTicks.label(t))));
    }
    for (double t : LogTicks.ticks(yr[0], yr[1])) {
      double py = ay.map(t);
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, RIGHT, py, LEFT - 6, py + 4,
          esc(LogTicks.label(t))));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s (log scale)</text>%n",
        (LEFT + RIGHT) / 2, BOTTOM + 40, esc(xLabel)));
    sb.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">"
        + "%s (log scale)</text>%n", (TOP + BOTTOM) / 2, esc(yLabel)));
    sb.append(String.format(Locale.ROOT, "<g clip-path=\"url(#%s)\">%n", clipId()));
    for (Series s : series) drawSeries(sb, s, ax, ay);
    sb.append("</g>\n");
    legend(sb);
    sb.append("</svg>\n");
    return sb.toString();
  }

  private void drawSeries(StringBuilder sb, Series s, Axis ax, Axis ay) {
    if (s.line) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < s.x.length; i++) {
        if (!plottable(s.x[i], s.y[i])) continue;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.map(s.x[i]), ay.map(s.y[i])));
      }
      sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s "
          + "points=\"%s\"/>%n", s.color, s.dashed ? " stroke-dasharray=\"6 4\"" : "", pts.toString().trim()));
    } else {
      for (int i = 0; i < s.x.length; i++) {
        if (!plottable(s.x[i], s.y[i])) continue;
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>%n",
            ax.map(s.x[i]), ay.map(s.y[i]), s.filled ? s.color : "white", s.color));
      }
    }
  }

  private void legend(StringBuilder sb) {
    List<Series> labelled = series.stream().filter(s -> s.label != null).toList();
    int y = TOP + 6;
    int shown = 0;
    for (Series s : labelled) {
      if (shown == MAX_LEGEND) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">… and %d more</text>%n", RIGHT + 14, y + 4,
            labelled.size() - MAX_LEGEND));
        break;
      }
      if (s.line) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
            + "stroke-width=\"2\"%s/>", RIGHT + 12, y, RIGHT + 32, y, s.color,
            s.dashed ? " stroke-dasharray=\"6 4\"" : ""));
      } else {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>",
            RIGHT + 22, y, s.filled ? s.color : "white", s.color));
      }
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", RIGHT + 38, y + 4, esc(s.label)));
      y += 18;
      shown++;
    }
  }

  /** log10 bounds of the plottable values, padded so markers do not sit on the frame. */
  private double[] range(boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        if (!plottable(s.x[i], s.y[i])) continue;
        double v = Math.log10(xAxis ? s.x[i] : s.y[i]);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double pad = hi > lo ? (hi - lo) * 0.05 : 0.1;
    return new double[] {lo - pad, hi + pad};
  }

  private String clipId() {
    return "clip" + Integer.toHexString(title.hashCode() & 0x7fffffff);
  }

  private static boolean plottable(double x, double y) {
    return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Maps a value to pixels on a log axis spanning log10 bounds lo..hi. */
  private record Axis(double lo, double hi, double p0, double p1) {
    double map(double v) {
      return p0 + (Math.log10(v) - lo) / (hi - lo) * (p1 - p0);
    }
  }
}
