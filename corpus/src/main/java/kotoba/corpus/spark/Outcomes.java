package kotoba.corpus.spark;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import kotoba.corpus.RecordOutcome;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The stage's working table: one row per input record with its fate, from which docs, rejects and counts derive. */
final class Outcomes {
  static final String KEPT = "kept";
  static final String DROPPED = "dropped";
  static final String REJECTED = "rejected";

  static final StructType SCHEMA = createStructType(List.of(
      createStructField("source", StringType, false),
      createStructField("file", StringType, false),
      createStructField("offset", LongType, false),
      createStructField("status", StringType, false),
      createStructField("reason", StringType, true),
      createStructField("id", StringType, true),
      createStructField("text", StringType, true),
      createStructField("lang", StringType, true),
      createStructField("sample", StringType, true)));

  private Outcomes() {}

  static Row toRow(RecordOutcome o) {
    String status = switch (o.status()) {
      case KEPT -> KEPT;
      case DROPPED -> DROPPED;
      case REJECTED -> REJECTED;
    };
    return RowFactory.create(o.source(), o.file(), o.offset(), status, o.reason(), o.id(), o.text(), o.lang(),
        o.sample());
  }
}
