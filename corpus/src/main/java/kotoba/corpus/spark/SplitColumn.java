package kotoba.corpus.spark;

import kotoba.corpus.dedup.Splits;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** The `split` column: train or val from the document id alone (see {@link Splits}). */
final class SplitColumn {
  private SplitColumn() {}

  static Column of(Column id, double valFraction) {
    UserDefinedFunction split = functions.udf(
        (UDF1<String, String>) docId -> Splits.assign(docId, valFraction), DataTypes.StringType);
    return split.apply(id);
  }
}
