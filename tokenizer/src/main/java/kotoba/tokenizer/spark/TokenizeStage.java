package kotoba.tokenizer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kotoba.pipeline.schema.Schemas;
import kotoba.pipeline.stage.Fingerprints;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ManifestStore;
import kotoba.pipeline.stage.StageKey;
import kotoba.pipeline.stage.StageRunner;
import kotoba.pipeline.storage.Storage;
import kotoba.tokenizer.TokenizeConfig;
import kotoba.tokenizer.encode.Tokenizer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The tokenize stage: docs -> token docs (DESIGN.md) with the model broadcast once. Documents stay documents; the
 * trainer packs them into context-length blocks while reading, so one tokenization serves every context length.
 * Each split is its own Hive-style directory ({@code data/split=val}); Spark reads {@code split} back as a column.
 */
public final class TokenizeStage {
  public static final String NAME = "tokenize";
  /** 2: one directory per split under data/ (split=train, split=val) instead of both splits in every file. */
  public static final int VERSION = 2;
  /** int32 token ids compress to roughly 3 bytes per token in Parquet; used only to size output files. */
  static final double PARQUET_BYTES_PER_TOKEN = 3.0;

  private TokenizeStage() {}

  public static StageKey key(TokenizeConfig cfg, Storage storage) {
    return StageKey.of(NAME, VERSION, cfg, List.of(
        Fingerprints.ofStageOutput(storage, cfg.docs(), "corpus"),
        Fingerprints.ofStageOutput(storage, cfg.tokenizer(), TokenizerStage.NAME)));
  }

  public static Manifest run(SparkSession spark, TokenizeConfig cfg, StageKey key, Storage storage, boolean force) {
    return StageRunner.run(storage, cfg.output(), key, force, () -> tokenize(spark, cfg, storage));
  }

  private static StageRunner.Result tokenize(SparkSession spark, TokenizeConfig cfg, Storage storage) {
    Manifest vocab = ManifestStore.read(storage, cfg.tokenizer()).orElseThrow();
    String modelPath = String.valueOf(vocab.info().get("model"));
    byte[] modelBytes = storage.readBytes(modelPath);
    try {
      Tokenizer.fromBytes(modelBytes); // a corrupt model fails here, on the driver, with the file named
    } catch (kotoba.tokenizer.model.ModelFormatException e) {
      throw new kotoba.pipeline.config.ConfigError("tokenizer model " + modelPath + ": " + e.getMessage(), e);
    }
    Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);

    Dataset<Row> docs = spark.read().schema(Schemas.DOCS).parquet(Storage.child(cfg.docs(), "docs")).select("id", "split", "text", "bytes");
    Dataset<Row> tokens = spark.createDataFrame(docs.javaRDD().mapPartitions(rows -> {
      Tokenizer tokenizer = Tokenizer.fromBytes(model.value());
      // Row by row, so a task holds one document's tokens, not its whole input split's.
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          int[] ids = DocumentEncoder.encode(tokenizer, r.getString(2));
          Integer[] boxed = new Integer[ids.length];
          for (int i = 0; i < ids.length; i++) boxed[i] = ids[i];
          return RowFactory.create(r.getString(0), r.getString(1), boxed, ids.length, (long) r.getInt(3));
        }
      };
    }), Schemas.TOKEN_DOCS);

    String dir = cfg.output();
    Map<String, Long> counts = new TreeMap<>();
    Map<String, Object> info = new TreeMap<>(vocab.info());
    // Tokenizing is the stage's whole cost: keep its result for the per-split counts and the write instead of
    // running the tokenizer twice.
    tokens.persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      Dataset<Row> bySplit = null;
      for (Row r : tokens.groupBy("split").agg(expr("count(*)"),
          expr("coalesce(sum(cast(n_tokens as bigint)), 0)"), expr("coalesce(sum(bytes), 0)")).collectAsList()) {
        String split = r.getString(0);
        counts.put(split + ".docs", r.getLong(1));
        counts.put(split + ".tokens", r.getLong(2));
        counts.put(split + ".bytes", r.getLong(3));
        info.put(split + ".bytes_per_token", r.getLong(2) == 0 ? 0.0
            : Math.round(1000.0 * r.getLong(3) / r.getLong(2)) / 1000.0);
        Dataset<Row> part = tokens.filter(col("split").eqNullSafe(split))
            .repartition(files(r.getLong(2), cfg), col("id"));
        bySplit = bySplit == null ? part : bySplit.union(part);
      }
      // One directory per split (data/split=train, data/split=val), each in files of about shard_mb: the trainer
      // reads the whole val split at every start and must not decode the train split's files to find it. Every
      // partition of the union holds one split, so each task writes one file.
      (bySplit == null ? tokens : bySplit).sortWithinPartitions("split", "id").write().mode(SaveMode.Overwrite)
          .partitionBy("split").parquet(Storage.child(dir, "data"));
    } finally {
      tokens.unpersist();
    }
    info.put("data", storage.qualify(Storage.child(dir, "data")));
    model.destroy();
    return new StageRunner.Result(counts, Map.of(), info);
  }

  /** Output files for a split of {@code tokens} tokens: about shard_mb each, at least one. */
  static int files(long tokens, TokenizeConfig cfg) {
    return (int) Math.max(1, Math.ceil(tokens * PARQUET_BYTES_PER_TOKEN / (cfg.shardMb() * 1048576.0)));
  }
}
