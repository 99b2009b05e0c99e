package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.storage.Storage;
import org.apache.hadoop.fs.FileStatus;

/**
 * Reads a sweep's metrics from a CSV file, a directory of them (one per run, searched recursively) or a glob, on any
 * Hadoop file system. Files that are not CSV are skipped and counted; a path with no readable row is an error.
 */
public final class MetricsSource {
  private MetricsSource() {}

  public static MetricsTable read(Storage storage, String path) {
    List<FileStatus> listed = storage.listFiles(path);
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (FileStatus st : listed) {
      String p = st.getPath().toString();
      if (!st.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        skipped.add(p);
        continue;
      }
      files.add(p);
      MetricsCsv.parse(p, storage.readString(p), rows, rejects);
    }
    if (!skipped.isEmpty()) {
      boolean parquet = skipped.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).endsWith(".parquet"));
      rejects.add("skipped " + skipped.size() + " file(s) that are not .csv, e.g. " + skipped.get(0)
          + (parquet ? " (Parquet metrics are not read here: point --metrics at the CSV files beside them)" : ""));
    }
    if (rows.isEmpty()) {
      throw new ConfigError("no metrics rows in " + path
          + (rejects.isEmpty() ? "" : ": " + String.join("; ", rejects.subList(0, Math.min(5, rejects.size())))));
    }
    return new MetricsTable(path, files, rows, rejects);
  }
}
