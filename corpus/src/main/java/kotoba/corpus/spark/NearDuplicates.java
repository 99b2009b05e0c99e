package kotoba.corpus.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import kotoba.corpus.DedupConfig;
import kotoba.corpus.dedup.LshParams;
import kotoba.corpus.dedup.MinHasher;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Finds near-duplicate documents with MinHash LSH over character shingles, on the executors.
 *
 * <p>Documents sharing a band key are candidates. Rather than comparing every pair in a bucket (quadratic in a
 * bucket of boilerplate), each member is compared with the bucket's smallest id only; a pair missed that way in one
 * band is usually caught in another. A candidate whose estimated Jaccard with its anchor reaches the threshold is a
 * duplicate, and the smaller id survives — the same on every run.
 */
final class NearDuplicates {
  static final StructType ID_SCHEMA = createStructType(List.of(createStructField("dup_id", StringType, false)));
  private static final StructType SIGNATURES = createStructType(List.of(
      createStructField("id", StringType, false),
      createStructField("sig", createArrayType(LongType, false), false)));
  private static final StructType BAND_KEYS = createStructType(List.of(
      createStructField("key", LongType, false),
      createStructField("id", StringType, false)));

  private NearDuplicates() {}

  /** Ids of documents that have a near-duplicate with a smaller id; input has columns id and text. */
  static Dataset<Row> find(Dataset<Row> docs, DedupConfig cfg) {
    MinHasher hasher = new MinHasher(cfg.numPerm(), cfg.shingleSize(), cfg.seed());
    LshParams lsh = LshParams.forThreshold(cfg.jaccardThreshold(), cfg.numPerm());
    double threshold = cfg.jaccardThreshold();

    Dataset<Row> sigs = docs.select("id", "text").mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        out.add(RowFactory.create(r.getString(0), boxed(hasher.signature(r.getString(1)))));
      }
      return out.iterator();
    }, org.apache.spark.sql.Encoders.row(SIGNATURES)).persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> keys = sigs.flatMap((FlatMapFunction<Row, Row>) r -> {
      long[] sig = unboxed(r.getList(1));
      List<Row> out = new ArrayList<>();
      for (long k : lsh.bandKeys(sig)) out.add(RowFactory.create(k, r.getString(0)));
      return out.iterator();
    }, org.apache.spark.sql.Encoders.row(BAND_KEYS));

    Dataset<Row> candidates = keys.groupBy("key")
        .agg(min("id").as("anchor"), collect_set("id").as("members"))
        .filter(size(col("members")).gt(1))
        .select(col("anchor"), explode(col("members")).as("id"))
        .filter(col("id").notEqual(col("anchor")))
        .distinct();

    Dataset<Row> a = sigs.toDF("anchor_id", "anchor_sig");
    Dataset<Row> dups = candidates
        .join(a, candidates.col("anchor").equalTo(a.col("anchor_id")))
        .join(sigs, "id")
        .filter((org.apache.spark.api.java.function.FilterFunction<Row>) r ->
            MinHasher.estimateJaccard(unboxed(r.getList(r.fieldIndex("anchor_sig"))),
                unboxed(r.getList(r.fieldIndex("sig")))) >= threshold)
        .select(col("id").as("dup_id"))
        .distinct();
    return dups;
  }

  private static Long[] boxed(long[] a) {
    Long[] out = new Long[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i];
    return out;
  }

  private static long[] unboxed(List<Long> a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i);
    return out;
  }
}
