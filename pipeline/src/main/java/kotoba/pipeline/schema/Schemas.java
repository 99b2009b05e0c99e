package kotoba.pipeline.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The Parquet schemas that stages hand each other (DESIGN.md, "Data contracts"). */
public final class Schemas {
  private Schemas() {}

  /** Cleaned documents: one row per kept document. */
  public static final StructType DOCS = createStructType(List.of(
      createStructField("id", StringType, false),
      createStructField("text", StringType, false),
      createStructField("source", StringType, false),
      createStructField("lang", StringType, false),
      createStructField("split", StringType, false),
      createStructField("chars", IntegerType, false),
      createStructField("bytes", IntegerType, false)));

  /** Input records that could not be read as text, with why. */
  public static final StructType REJECTS = createStructType(List.of(
      createStructField("source", StringType, false),
      createStructField("offset", LongType, false),
      createStructField("reason", StringType, false),
      createStructField("sample", StringType, false)));

  /** Tokenized documents; packing into context-length blocks happens in the trainer's reader. */
  public static final StructType TOKEN_DOCS = createStructType(List.of(
      createStructField("id", StringType, false),
      createStructField("split", StringType, false),
      createStructField("tokens", createArrayType(IntegerType, false), false),
      createStructField("n_tokens", IntegerType, false),
      createStructField("bytes", LongType, false)));

  /** One row per logged training step. */
  public static final StructType METRICS = createStructType(List.of(
      createStructField("run_id", StringType, false),
      createStructField("step", LongType, false),
      createStructField("tokens_seen", LongType, false),
      createStructField("flops", DoubleType, false),
      createStructField("params", LongType, false),
      createStructField("params_non_embedding", LongType, false),
      createStructField("train_loss", DoubleType, true),
      createStructField("val_loss", DoubleType, true),
      createStructField("val_bits_per_byte", DoubleType, true),
      createStructField("lr", DoubleType, false),
      createStructField("tokens_per_s", DoubleType, true),
      createStructField("wall_s", DoubleType, false),
      createStructField("n_layer", IntegerType, false),
      createStructField("d_model", IntegerType, false),
      createStructField("n_head", IntegerType, false),
      createStructField("context_length", IntegerType, false),
      createStructField("vocab_size", IntegerType, false)));

  public static final String TRAIN = "train";
  public static final String VAL = "val";
}
