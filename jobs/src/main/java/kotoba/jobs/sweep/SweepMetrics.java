package kotoba.jobs.sweep;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import kotoba.pipeline.storage.Storage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * One metrics table for a whole sweep: the union of its runs' metrics as Parquet, plus the same rows as one CSV
 * (runs x logged steps: small) for notebooks and the report.
 */
public final class SweepMetrics {
  private SweepMetrics() {}

  public static void collect(SparkSession spark, List<String> runMetricsDirs, String output, Storage storage) {
    if (runMetricsDirs.isEmpty()) return;
    Dataset<Row> all = spark.read().option("mergeSchema", "true").parquet(runMetricsDirs.toArray(String[]::new))
        .orderBy("run_id", "step");
    all.coalesce(1).write().mode(SaveMode.Overwrite).parquet(Storage.child(output, "metrics"));
    String[] cols = all.columns();
    StringBuilder csv = new StringBuilder(String.join(",", cols)).append('\n');
    for (Row r : all.collectAsList()) {
      csv.append(java.util.stream.IntStream.range(0, cols.length)
          .mapToObj(i -> r.isNullAt(i) ? "" : String.valueOf(r.get(i))).collect(Collectors.joining(","))).append('\n');
    }
    storage.writeAtomically(Storage.child(output, "metrics.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
  }
}
