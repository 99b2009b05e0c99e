package kotoba.corpus.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kotoba.corpus.CorpusConfig;
import kotoba.corpus.DocumentProcessor;
import kotoba.corpus.InputSpec;
import kotoba.corpus.ingest.ReadTasks;
import kotoba.pipeline.schema.Schemas;
import kotoba.pipeline.stage.Fingerprints;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import kotoba.pipeline.stage.StageRunner;
import kotoba.pipeline.storage.Storage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * The corpus stage: raw files -> normalized, filtered, deduplicated, split documents (Parquet) + rejects + manifest.
 * Every input record ends in docs, in rejects, or in a drop count with its reason, and the stage fails if the
 * books do not balance.
 */
public final class CorpusStage {
  public static final String NAME = "corpus";
  /** Bump when the same inputs and config would produce different docs. */
  public static final int VERSION = 2;
  public static final String DOCS_DIR = "docs";
  public static final String REJECTS_DIR = "rejects";
  static final String DUPLICATE_EXACT = "duplicate_exact";
  static final String DUPLICATE_NEAR = "duplicate_near";

  private CorpusStage() {}

  /** The stage's identity; lists every input, so a missing input fails here, before Spark starts. */
  public static StageKey key(CorpusConfig cfg, Storage storage) {
    List<String> patterns = cfg.inputs().stream().map(InputSpec::path).toList();
    return StageKey.of(NAME, VERSION, cfg, Fingerprints.ofRawFiles(storage, patterns));
  }

  public static Manifest run(SparkSession spark, CorpusConfig cfg, StageKey key, Storage storage, boolean force) {
    return StageRunner.run(storage, cfg.output(), key, force, () -> process(spark, cfg, storage));
  }

  private static StageRunner.Result process(SparkSession spark, CorpusConfig cfg, Storage storage) {
    // 1. Every input record -> one outcome row (kept / dropped by a filter / rejected as unreadable).
    Dataset<Row> outcomes = readAll(spark, cfg, storage).persist(StorageLevel.MEMORY_AND_DISK());

    // 2. Exact dedup: of equal normalized texts the first by (source, file, offset) survives, on every run.
    Dataset<Row> ranked = outcomes.filter(col("status").equalTo(Outcomes.KEPT))
        .withColumn("rank", row_number().over(Window.partitionBy("id").orderBy("source", "file", "offset")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> unique = ranked.filter(col("rank").equalTo(1)).drop("rank");

    // 3. Near dedup (MinHash LSH): a document goes when a near-identical one with a smaller id exists.
    Dataset<Row> nearDupIds = cfg.dedup().near()
        ? NearDuplicates.find(unique, cfg.dedup()).persist(StorageLevel.MEMORY_AND_DISK())
        : spark.createDataFrame(List.of(), NearDuplicates.ID_SCHEMA);
    Dataset<Row> survivors = unique.join(nearDupIds, unique.col("id").equalTo(nearDupIds.col("dup_id")), "left_anti");

    // 4. Write docs, sharded to the target file size, and rejects.
    Dataset<Row> docs = survivors.select(
        col("id"), col("text"), col("source"), col("lang"),
        SplitColumn.of(col("id"), cfg.valFraction()).as("split"),
        expr("char_length(text)").cast("int").as("chars"),
        expr("octet_length(text)").cast("int").as("bytes"));
    long textBytes = docs.agg(expr("coalesce(sum(cast(bytes as bigint)), 0)")).first().getLong(0);
    int files = Shards.count(textBytes, cfg.shardMb());
    String docsDir = Storage.child(cfg.output(), DOCS_DIR);
    docs.repartition(files, col("id")).sortWithinPartitions("id")
        .write().mode(SaveMode.Overwrite).parquet(docsDir);
    String rejectsDir = Storage.child(cfg.output(), REJECTS_DIR);
    outcomes.filter(col("status").equalTo(Outcomes.REJECTED))
        .select(col("source"), col("file"), col("offset"), col("reason"), col("sample"))
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(rejectsDir);

    // 5. Accounting, from what was written: in = kept + dropped + rejected, per source and per reason.
    Dataset<Row> dedupDrops = ranked.filter(col("rank").gt(1)).select(col("source"), lit(DUPLICATE_EXACT).as("reason"))
        .union(unique.join(nearDupIds, unique.col("id").equalTo(nearDupIds.col("dup_id")), "left_semi")
            .select(col("source"), lit(DUPLICATE_NEAR).as("reason")));
    Dataset<Row> drops = outcomes.filter(col("status").equalTo(Outcomes.DROPPED)).select("source", "reason")
        .union(dedupDrops);
    Accounting books = Accounting.of(
        outcomes.groupBy("source").count().collectAsList(),
        spark.read().parquet(docsDir).groupBy("source").count().collectAsList(),
        drops.groupBy("source", "reason").count().collectAsList(),
        spark.read().parquet(rejectsDir).groupBy("source", "reason").count().collectAsList());
    books.print(System.out);
    books.verify();

    Map<String, Long> counts = new TreeMap<>(books.totals());
    Dataset<Row> written = spark.read().parquet(docsDir);
    for (Row r : written.groupBy("split").agg(expr("count(*)"), expr("sum(cast(bytes as bigint))")).collectAsList()) {
      counts.put(r.getString(0) + ".docs", r.getLong(1));
      counts.put(r.getString(0) + ".bytes", r.getLong(2));
    }
    for (Row r : written.groupBy("lang").count().collectAsList()) counts.put("lang." + r.getString(0), r.getLong(1));
    counts.put("files", (long) files);
    outcomes.unpersist();
    ranked.unpersist();
    nearDupIds.unpersist();
    return new StageRunner.Result(counts, books.dropsByReason(), Map.of(
        "docs", Storage.child(cfg.output(), DOCS_DIR), "rejects", rejectsDir,
        "schema", Schemas.DOCS.simpleString()));
  }

  private static Dataset<Row> readAll(SparkSession spark, CorpusConfig cfg, Storage storage) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf hadoop = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    DocumentProcessor processor = cfg.processor();
    Dataset<Row> all = null;
    for (InputSpec in : cfg.inputs()) {
      List<ReadTasks.InputFile> listed = new ArrayList<>();
      storage.listFiles(in.path())
          .forEach(st -> listed.add(new ReadTasks.InputFile(st.getPath().toString(), st.getLen())));
      Dataset<Row> part;
      if (in.format() == InputSpec.Format.PARQUET) {
        part = ParquetIngest.read(spark, listed.stream().map(ReadTasks.InputFile::path).toList(), in, processor);
      } else {
        int parallelism = Math.max(1, jsc.defaultParallelism()) * 2;
        JavaRDD<Row> rows = FileIngest.read(jsc, listed, cfg.ingest(in), in.source(), processor, hadoop, parallelism)
            .map(Outcomes::toRow);
        part = spark.createDataFrame(rows, Outcomes.SCHEMA);
      }
      all = all == null ? part : all.union(part);
    }
    return all;
  }
}
