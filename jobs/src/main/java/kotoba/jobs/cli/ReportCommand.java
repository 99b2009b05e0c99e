package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.jobs.scaling.Analysis;
import kotoba.jobs.scaling.LossUnit;
import kotoba.jobs.scaling.MetricsSource;
import kotoba.jobs.scaling.MetricsTable;
import kotoba.jobs.scaling.ReportConfig;
import kotoba.jobs.scaling.ScalingAnalysis;
import kotoba.jobs.scaling.ScalingReport;
import kotoba.pipeline.config.ConfigError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `kotoba report`: a sweep's metrics -> report.html (charts, fitted laws with intervals) and fits.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Fit scaling laws to a sweep's metrics and write report.html (self-contained, inline SVG charts)",
        "and fits.json beside it. Config section: report; the options below override it."})
public final class ReportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--metrics", paramLabel = "PATH",
      description = "Metrics CSV file, directory of them or glob (default: report.metrics).")
  String metrics;

  @Option(names = "--output", paramLabel = "DIR", description = "Directory for report.html and fits.json "
      + "(default: report.output).")
  String output;

  @Option(names = "--bootstrap", paramLabel = "B", description = "Bootstrap refits per fit (default: report.bootstrap).")
  Integer bootstrap;

  @Option(names = "--seed", description = "Bootstrap seed (default: report.seed).")
  Long seed;

  @Option(names = "--unit", paramLabel = "nats|bits", description = "Loss unit of the charts (default: report.unit).")
  String unit;

  @Override
  public Integer call() {
    JobContext ctx = new JobContext(options);
    ReportConfig cfg = settings(ctx, metrics, output, bootstrap, seed, unit, true);
    MetricsTable table = MetricsSource.read(ctx.storage(), cfg.metrics());
    Analysis a = ScalingAnalysis.run(table, cfg.bootstrap(), cfg.seed());
    String html = ScalingReport.write(a, cfg.unit(), cfg.output(), ctx.storage());
    long ok = a.fits().stream().filter(f -> f.ok()).count();
    System.out.printf("[report] %d run(s) used, %d excluded; %d of %d fits made%n", a.sweep().runs().size(),
        a.sweep().excluded().size(), ok, a.fits().size());
    a.fits().stream().filter(f -> !f.ok()).forEach(f -> System.out.printf("[report] skipped %s %s%s: %s%n", f.law(),
        f.unit().label(), f.measure() == null ? "" : " N=" + f.measure().key(), f.message()));
    System.out.println("[report] wrote " + html + " and " + ScalingReport.JSON);
    return 0;
  }

  /**
   * The report settings: the `report` config section with the command-line overrides applied. Before the section
   * exists in the config, the options alone suffice (bootstrap 200, seed 1, nats unless given).
   */
  static ReportConfig settings(JobContext ctx, String metrics, String output, Integer bootstrap, Long seed,
      String unit, boolean needOutput) {
    ReportConfig base = ctx.config().hasPath("report") ? ctx.section("report", ReportConfig.class) : null;
    String m = metrics != null ? metrics : base == null ? null : base.metrics();
    String o = output != null ? output : base == null ? null : base.output();
    if (m == null) throw new ConfigError("no metrics to read: pass --metrics PATH or set report.metrics");
    if (o == null) {
      if (needOutput) throw new ConfigError("no output directory: pass --output DIR or set report.output");
      o = "-";
    }
    int b = bootstrap != null ? bootstrap : base == null ? 200 : base.bootstrap();
    long s = seed != null ? seed : base == null ? 1 : base.seed();
    LossUnit u;
    try {
      u = unit != null ? LossUnit.parse(unit) : base == null ? LossUnit.NATS : base.unit();
    } catch (IllegalArgumentException e) {
      throw new ConfigError("--unit: " + e.getMessage());
    }
    try {
      return new ReportConfig(m, o, b, s, u);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }
}
