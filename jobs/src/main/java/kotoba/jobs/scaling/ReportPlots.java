package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's charts, one method each, drawn from an {@link Analysis} in one loss unit. */
final class ReportPlots {
  private static final String GREY = "#9a9a9a";
  private static final int LINE_POINTS = 60;

  private ReportPlots() {}

  /** Loss against tokens for every run, coloured by model size. */
  static SvgPlot learningCurves(Analysis a, LossUnit unit) {
    SvgPlot plot = new SvgPlot("Learning curves", "tokens seen D", "validation loss, " + unit.label());
    Map<Double, String> colour = sizeColours(a);
    Map<Double, Boolean> labelled = new TreeMap<>();
    for (Run run : a.sweep().runs()) {
      List<StepMetrics> curve = run.curve(unit);
      double n = run.params(ParamMeasure.TOTAL);
      String label = labelled.put(n, true) == null ? "N=" + LogTicks.label(n) : null;
      plot.line(label, curve.stream().mapToDouble(StepMetrics::tokensSeen).toArray(),
          curve.stream().mapToDouble(s -> s.loss(unit)).toArray(), colour.get(n), false);
    }
    return plot;
  }

  /** A single-variable law: the points offered (hollow), those fitted (filled) and the fitted line. */
  static SvgPlot powerLaw(FitResult f, List<SweepPoint> offered, SweepPoint.Axis axis, String title, String xLabel) {
    SvgPlot plot = new SvgPlot(title, xLabel, "validation loss, " + f.unit().label());
    if (offered.size() > f.points().size()) {
      plot.points(axis == SweepPoint.Axis.C ? "all evaluated points" : "runs not used", xs(offered, axis),
          ys(offered), GREY, false);
    }
    plot.points("fitted points", xs(f.points(), axis), ys(f.points()), SvgPlot.PALETTE[0], true);
    if (f.ok()) {
      double[] x = span(xs(f.points(), axis));
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) y[i] = f.powerLaw().predict(x[i]);
      Estimate alpha = f.params().get("alpha");
      plot.line(String.format(java.util.Locale.ROOT, "fit: alpha=%s", FitTable.num(alpha.value())), x, y,
          SvgPlot.PALETTE[1], false);
    }
    return plot;
  }

  /** L(N, D): final points grouped by data budget, each with the fitted law's curve at that D. */
  static SvgPlot chinchilla(FitResult f, String title) {
    SvgPlot plot = new SvgPlot(title, f.measure().label(), "validation loss, " + f.unit().label());
    Map<Double, List<SweepPoint>> byD = new TreeMap<>();
    for (SweepPoint p : f.points()) byD.computeIfAbsent(p.d(), k -> new ArrayList<>()).add(p);
    double[] nSpan = span(xs(f.points(), SweepPoint.Axis.N));
    int i = 0;
    for (Map.Entry<Double, List<SweepPoint>> e : byD.entrySet()) {
      String c = SvgPlot.PALETTE[i++ % SvgPlot.PALETTE.length];
      plot.points("D=" + LogTicks.label(e.getKey()), xs(e.getValue(), SweepPoint.Axis.N), ys(e.getValue()), c, true);
      if (f.ok()) {
        double[] y = new double[nSpan.length];
        for (int k = 0; k < nSpan.length; k++) y[k] = f.chinchilla().predict(nSpan[k], e.getKey());
        plot.line(null, nSpan, y, c, true);
      }
    }
    return plot;
  }

  /** IsoFLOP profiles: loss against N at fixed compute, one line per budget. */
  static SvgPlot isoFlops(IsoFlops.Profiles p, LossUnit unit) {
    String how = p.mode() == IsoFlops.Mode.FINAL_COMPUTE ? "runs grouped by final compute"
        : "loss read off the learning curves at fixed compute";
    SvgPlot plot = new SvgPlot("IsoFLOP profiles (" + how + ")", ParamMeasure.TOTAL.label(),
        "validation loss, " + unit.label());
    int i = 0;
    for (IsoFlopGroup g : p.groups()) {
      String c = SvgPlot.PALETTE[i++ % SvgPlot.PALETTE.length];
      plot.line("C=" + LogTicks.label(g.c()) + " FLOPs", xs(g.points(), SweepPoint.Axis.N), ys(g.points()), c, false);
      plot.points(null, xs(g.points(), SweepPoint.Axis.N), ys(g.points()), c, true);
    }
    return plot;
  }

  /** One colour per distinct model size, smallest first. */
  private static Map<Double, String> sizeColours(Analysis a) {
    TreeMap<Double, String> sizes = new TreeMap<>();
    for (Run r : a.sweep().runs()) sizes.put(r.params(ParamMeasure.TOTAL), "");
    Map<Double, String> out = new LinkedHashMap<>();
    int i = 0;
    for (Double n : sizes.keySet()) out.put(n, SvgPlot.PALETTE[i++ % SvgPlot.PALETTE.length]);
    return out;
  }

  /** LINE_POINTS values spaced evenly in log between the smallest and largest of {@code x}. */
  private static double[] span(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double v : x) {
      if (v > 0) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > 0)) return new double[0];
    double[] out = new double[LINE_POINTS];
    for (int i = 0; i < LINE_POINTS; i++) {
      out[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (LINE_POINTS - 1));
    }
    return out;
  }

  private static double[] xs(List<SweepPoint> pts, SweepPoint.Axis axis) {
    return pts.stream().mapToDouble(p -> p.x(axis)).toArray();
  }

  private static double[] ys(List<SweepPoint> pts) {
    return pts.stream().mapToDouble(SweepPoint::loss).toArray();
  }
}
