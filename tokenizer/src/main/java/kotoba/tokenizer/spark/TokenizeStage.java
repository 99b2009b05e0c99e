package kotoba.tokenizer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
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

/**
 * The tokenize stage: docs -> token docs (DESIGN.md) with the model broadcast once. Documents stay documents; the
 * trainer packs them into context-length blocks while reading, so one tokenization serves every context length.
 */
public final class TokenizeStage {
  public static final String NAME = "tokenize";
  public static final int VERSION = 1;
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
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        int[] ids = DocumentEncoder.encode(tokenizer, r.getString(2));
        Integer[] boxed = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) boxed[i] = ids[i];
        out.add(RowFactory.create(r.getString(0), r.getString(1), boxed, ids.length, (long) r.getInt(3)));
      }
      return out.iterator();
    }), Schemas.TOKEN_DOCS);

    String dir = cfg.output();
    long totalTokens = tokens.agg(expr("coalesce(sum(cast(n_tokens as bigint)), 0)")).first().getLong(0);
    int files = (int) Math.max(1, Math.ceil(totalTokens * PARQUET_BYTES_PER_TOKEN / (cfg.shardMb() * 1048576.0)));
    tokens.repartition(files, col("id")).sortWithinPartitions("id").write().mode(SaveMode.Overwrite)
        .parquet(Storage.child(dir, "data"));

    Map<String, Long> counts = new TreeMap<>();
    Map<String, Object> info = new TreeMap<>(vocab.info());
    for (Row r : spark.read().parquet(Storage.child(dir, "data")).groupBy("split")
        .agg(expr("count(*)"), expr("sum(cast(n_tokens as bigint))"), expr("sum(bytes)")).collectAsList()) {
      String split = r.getString(0);
      counts.put(split + ".docs", r.getLong(1));
      counts.put(split + ".tokens", r.getLong(2));
      counts.put(split + ".bytes", r.getLong(3));
      info.put(split + ".bytes_per_token", r.getLong(2) == 0 ? 0.0
          : Math.round(1000.0 * r.getLong(3) / r.getLong(2)) / 1000.0);
    }
    info.put("data", storage.qualify(Storage.child(dir, "data")));
    model.destroy();
    return new StageRunner.Result(counts, Map.of(), info);
  }
}
