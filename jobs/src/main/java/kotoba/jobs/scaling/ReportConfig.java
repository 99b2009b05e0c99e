package kotoba.jobs.scaling;

/**
 * The `report` config section: where a sweep's metrics are and where its scaling-law report goes.
 *
 * @param metrics metrics CSV file, directory of them (searched recursively) or glob; any Hadoop file system
 * @param output directory that receives report.html and fits.json
 * @param bootstrap bootstrap refits per fit for the 95% intervals (0 for none)
 * @param seed seed of the bootstrap resampling, so a report is reproducible
 * @param unit loss unit of the plots: nats (per token) or bits (per byte); the table and fits.json hold both
 */
public record ReportConfig(String metrics, String output, int bootstrap, long seed, LossUnit unit) {
  public ReportConfig {
    if (metrics == null || metrics.isBlank()) throw new IllegalArgumentException("report.metrics must be set");
    if (output == null || output.isBlank()) throw new IllegalArgumentException("report.output must be set");
    if (bootstrap < 0) throw new IllegalArgumentException("report.bootstrap must be >= 0, got " + bootstrap);
    if (unit == null) throw new IllegalArgumentException("report.unit must be nats or bits");
  }
}
