package kotoba.trainer;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.row_number;

import kotoba.pipeline.storage.Storage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * A run's metrics table: its CSVs ({@code metrics.csv}, then one {@code metrics-from-N.csv} per resume from the
 * checkpoint of step N) as one Parquet table with one row per step.
 *
 * <p>A run killed after its last checkpoint logged steps it trains again when resumed, so those steps are in two
 * files; the row from the newest resume is the one the run went on from.
 */
final class RunMetricsTable {
  private RunMetricsTable() {}

  /** Writes {@code runDir}/metrics (Parquet) from {@code runDir}/metrics*.csv; returns the table's directory. */
  static String write(SparkSession spark, String runDir) {
    String table = Storage.child(runDir, "metrics");
    Dataset<Row> rows = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(Storage.child(runDir, "metrics*.csv"))
        .withColumn("_resumed_from", coalesce(
            regexp_extract(input_file_name(), "metrics-from-(\\d+)\\.csv$", 1).cast("long"), lit(0L)));
    rows.withColumn("_newest", row_number().over(
            Window.partitionBy("step").orderBy(col("_resumed_from").desc())))
        .where(col("_newest").equalTo(1))
        .drop("_newest", "_resumed_from")
        .orderBy("step")
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(table);
    return table;
  }
}
