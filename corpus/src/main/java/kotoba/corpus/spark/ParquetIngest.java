package kotoba.corpus.spark;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import kotoba.corpus.DocumentProcessor;
import kotoba.corpus.InputSpec;
import kotoba.corpus.RecordOutcome;
import kotoba.corpus.ingest.RejectReasons;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import kotoba.pipeline.config.ConfigError;

/** Reads a Parquet input's text column with Spark; a null text is rejected, not dropped silently. */
final class ParquetIngest {
  private ParquetIngest() {}

  static Dataset<Row> read(SparkSession spark, List<String> files, InputSpec in, DocumentProcessor processor) {
    Dataset<Row> raw = spark.read().parquet(files.toArray(String[]::new));
    var field = java.util.Arrays.stream(raw.schema().fields()).filter(f -> f.name().equals(in.textField())).findFirst()
        .orElseThrow(() -> new ConfigError("parquet input " + in.path() + " has no column '" + in.textField()
            + "' (corpus.inputs[].text_field); columns: " + java.util.Arrays.toString(raw.schema().fieldNames())));
    if (field.dataType() != DataTypes.StringType) {
      throw new ConfigError("parquet input " + in.path() + ": column '" + in.textField() + "' is "
          + field.dataType().simpleString() + ", expected string");
    }
    String source = in.source();
    // Parquet has no byte offsets: a row number unique within the input stands in for one.
    Dataset<Row> withPos = raw.select(col(in.textField()).as("text"),
        functions.input_file_name().as("file"), functions.monotonically_increasing_id().as("pos"));
    return spark.createDataFrame(withPos.javaRDD().map(r -> {
      String file = r.getString(1);
      long offset = r.getLong(2);
      RecordOutcome o = r.isNullAt(0)
          ? RecordOutcome.rejected(source, file, offset, RejectReasons.MISSING_TEXT_FIELD, "")
          : processor.process(source, file, offset, r.getString(0));
      return Outcomes.toRow(o);
    }), Outcomes.SCHEMA);
  }
}
