package kotoba.jobs.scaling;

import java.util.List;

/**
 * Every metrics row read from a path, and what could not be read.
 *
 * @param source the path that was read
 * @param files the CSV files the rows came from
 * @param rows the parsed rows, in file order
 * @param rejects one human-readable reason per skipped file or row
 */
public record MetricsTable(String source, List<String> files, List<StepMetrics> rows, List<String> rejects) {
  public MetricsTable {
    files = List.copyOf(files);
    rows = List.copyOf(rows);
    rejects = List.copyOf(rejects);
  }
}
