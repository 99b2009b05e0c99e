package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.jobs.scaling.Analysis;
import kotoba.jobs.scaling.FitTable;
import kotoba.jobs.scaling.FitsJson;
import kotoba.jobs.scaling.MetricsSource;
import kotoba.jobs.scaling.ReportConfig;
import kotoba.jobs.scaling.ScalingAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `kotoba fit`: fits the scaling laws to a sweep's metrics and prints them as a table (or JSON). */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fit L(N), L(D), L(C) and L(N,D) = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, approach 3)",
        "to a sweep's metrics, in nats/token and bits/byte, total and non-embedding N, with bootstrap intervals.",
        "Config section: report (metrics, bootstrap, seed); the options below override it."})
public final class FitCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--metrics", paramLabel = "PATH",
      description = "Metrics CSV file, directory of them or glob (default: report.metrics).")
  String metrics;

  @Option(names = "--bootstrap", paramLabel = "B", description = "Bootstrap refits per fit (default: report.bootstrap).")
  Integer bootstrap;

  @Option(names = "--seed", description = "Bootstrap seed (default: report.seed).")
  Long seed;

  @Option(names = "--json", description = "Print fits.json instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    JobContext ctx = new JobContext(options);
    ReportConfig cfg = ReportCommand.settings(ctx, metrics, null, bootstrap, seed, null, false);
    Analysis a = ScalingAnalysis.run(MetricsSource.read(ctx.storage(), cfg.metrics()), cfg.bootstrap(), cfg.seed());
    System.out.print(json ? FitsJson.write(a) + "\n" : FitTable.format(a));
    return 0;
  }
}
