package kotoba.corpus.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import kotoba.corpus.CorpusConfig;
import kotoba.pipeline.config.ConfigBinder;
import kotoba.pipeline.config.ConfigLoader;
import kotoba.pipeline.schema.Schemas;
import kotoba.pipeline.spark.SharedSpark;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.storage.Storage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole corpus stage on small fixtures with every kind of bad input, in Spark local[2]. */
class CorpusStageTest {
  @TempDir static Path tmp;
  static SparkSession spark;
  static CorpusConfig cfg;
  static Manifest first;

  private static final String[] EN_WORDS = ("the council agreed that every member state should report how the new "
      + "rules on water quality were applied in rivers lakes and coastal areas during the last three years while "
      + "farmers asked for more time to adapt their methods").split(" ");
  private static final String[] JA_PHRASES = {"今日は", "天気が", "とても", "良いので", "公園を", "散歩して",
      "から", "図書館で", "新しい", "本を", "借りました", "夕方には", "友達と", "駅前の", "喫茶店で", "話しました"};

  @BeforeAll
  static void runStage() throws IOException {
    spark = SharedSpark.get();
    Random rnd = new Random(7);
    Path raw = Files.createDirectories(tmp.resolve("raw"));

    List<String> en = new ArrayList<>();
    for (int i = 0; i < 40; i++) en.add(sentence(rnd, EN_WORDS, 25, " ") + ".");
    en.add(en.get(3));                                         // exact duplicate
    en.add(en.get(5).replaceFirst("council", "councils"));     // near duplicate
    en.add("Too short.");                                      // too_short
    Files.writeString(raw.resolve("en.txt"), String.join("\n", en) + "\n");

    List<String> ja = new ArrayList<>();
    for (int i = 0; i < 30; i++) ja.add(sentence(rnd, JA_PHRASES, 20, "") + "。");
    ja.add(ja.get(2).substring(0, ja.get(2).length() - 2) + "ね。"); // near duplicate in Japanese
    Files.writeString(raw.resolve("ja.txt"), String.join("\n", ja) + "\n");

    // Shift_JIS-encoded Japanese: not UTF-8, rejected line by line.
    Files.write(raw.resolve("sjis.txt"), (ja.get(0) + "\n" + ja.get(1) + "\n").getBytes(Charset.forName("Shift_JIS")));
    byte[] bin = new byte[4096];
    rnd.nextBytes(bin);
    bin[10] = 0;
    Files.write(raw.resolve("binary.txt"), bin);
    Files.write(raw.resolve("empty.txt"), new byte[0]);
    try (OutputStream out = Files.newOutputStream(raw.resolve("huge.txt"))) { // a single 50 MB line
      byte[] chunk = "abcdefghij".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 50; i++) out.write(chunk);
      out.write('\n');
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 200; i++) z.write((sentence(rnd, EN_WORDS, 20, " ") + " " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Files.write(raw.resolve("truncated.txt.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));

    Files.writeString(raw.resolve("docs.jsonl"), String.join("\n",
        "{\"meta\": {\"body\": \"" + sentence(rnd, EN_WORDS, 20, " ") + "\"}}",
        "{\"meta\": {\"body\": \"" + sentence(rnd, JA_PHRASES, 20, "") + "\"}}",
        "{\"meta\": {\"body\": ",                      // malformed_json
        "{\"meta\": {\"title\": \"no body here\"}}")    // missing_text_field
        + "\n");
    Files.writeString(raw.resolve("europarl.lines.txt"), String.join("\n",
        "Title one\t2004-01-01\t" + sentence(rnd, EN_WORDS, 30, " "),
        "Title two\t2004-01-02\t" + sentence(rnd, EN_WORDS, 30, " ")) + "\n");
    Dataset<Row> pq = spark.createDataFrame(List.of(
            RowFactory.create(sentence(rnd, EN_WORDS, 25, " ")), RowFactory.create((Object) null)),
        DataTypes.createStructType(List.of(DataTypes.createStructField("body", DataTypes.StringType, true))));
    pq.coalesce(1).write().parquet(raw.resolve("pq").toString());

    String inputs = "[" + String.join(",",
        input(raw.resolve("*.txt"), "plain", "text", "line"),
        input(raw.resolve("truncated.txt.gz"), "gz", "text", "line"),
        "{path = \"" + raw.resolve("docs.jsonl") + "\", source = jsonl, format = jsonl, text_field = meta.body}",
        input(raw.resolve("europarl.lines.txt"), "europarl", "europarl", "line"),
        "{path = \"" + raw.resolve("pq") + "\", source = pq, format = parquet, text_field = body}") + "]";
    cfg = ConfigBinder.bind(ConfigLoader.load(null, List.of(
        "corpus.inputs=" + inputs,
        "corpus.output=\"" + tmp.resolve("out") + "\"",
        "corpus.val_fraction=0.2",
        "corpus.filters.min_chars=40",
        // The fixtures are generated from small word lists, so they repeat n-grams far more than prose does;
        // the n-gram filters have their own tests, this one is about the stage's plumbing.
        "corpus.filters.max_top_ngram_fraction={\"2\"=1.0,\"3\"=1.0,\"4\"=1.0}",
        "corpus.filters.max_duplicate_ngram_fraction={\"5\"=1.0,\"6\"=1.0,\"7\"=1.0,\"8\"=1.0,\"9\"=1.0,\"10\"=1.0}")),
        "corpus", CorpusConfig.class);
    Storage storage = Storage.local();
    first = CorpusStage.run(spark, cfg, CorpusStage.key(cfg, storage), storage, false);
  }

  private static String input(Path path, String source, String format, String unit) {
    return "{path = \"" + path + "\", source = " + source + ", format = " + format + ", unit = " + unit + "}";
  }

  private static String sentence(Random rnd, String[] words, int n, String sep) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : sep).append(words[rnd.nextInt(words.length)]);
    return sb.toString();
  }

  @Test
  void everyRecordIsKeptDroppedOrRejected() {
    long in = first.count("in");
    assertEquals(in, first.count("kept") + first.count("dropped") + first.count("rejected"));
    // en 43 + ja 31 + sjis 2 + binary 1 + huge 1 + truncated (>0 kept + 1) + jsonl 4 + europarl 2 + parquet 2
    assertTrue(first.count("source.plain.in") >= 43 + 31 + 2 + 1 + 1, first.counts().toString());
    for (String s : List.of("plain", "gz", "jsonl", "europarl", "pq")) {
      assertEquals(first.count("source." + s + ".in"), first.count("source." + s + ".kept")
          + first.count("source." + s + ".dropped") + first.count("source." + s + ".rejected"), s);
    }
  }

  @Test
  void badInputsAreRejectedWithTheirReasons() {
    Map<String, Long> d = first.drops();
    assertEquals(2L, d.get("rejected.invalid_utf8"), d.toString());
    assertEquals(1L, d.get("rejected.binary"), d.toString());
    assertEquals(1L, d.get("rejected.record_too_long"), d.toString());
    assertEquals(1L, d.get("rejected.truncated_input"), d.toString());
    assertEquals(1L, d.get("rejected.malformed_json"), d.toString());
    assertEquals(2L, d.get("rejected.missing_text_field"), d.toString()); // jsonl line + parquet null
    assertTrue(first.count("source.gz.kept") > 50, "records before the truncation are kept");
    List<Row> rejects = spark.read().parquet(tmp.resolve("out/rejects").toString())
        .filter("reason = 'invalid_utf8'").collectAsList();
    assertTrue(rejects.get(0).getString(rejects.get(0).fieldIndex("file")).endsWith("sjis.txt"));
  }

  @Test
  void duplicatesAndShortDocsAreDroppedWithReasons() {
    Map<String, Long> d = first.drops();
    assertTrue(d.getOrDefault("dropped.duplicate_exact", 0L) >= 1, d.toString());
    assertTrue(d.getOrDefault("dropped.duplicate_near", 0L) >= 2, "English and Japanese near-dups: " + d);
    assertTrue(d.getOrDefault("dropped.too_short", 0L) >= 1, d.toString());
  }

  @Test
  void docsHaveTheContractSchemaAndStableSplits() {
    Dataset<Row> docs = spark.read().parquet(tmp.resolve("out/docs").toString());
    assertArrayEquals(Schemas.DOCS.fieldNames(), docs.schema().fieldNames());
    assertEquals(first.count("kept"), docs.count());
    assertEquals(0, docs.filter("split not in ('train', 'val')").count());
    assertTrue(docs.filter("split = 'val'").count() > 0 && docs.filter("split = 'train'").count() > 0);
    assertTrue(docs.filter("lang = 'ja'").count() >= 25, "Japanese docs are identified as ja");
    assertTrue(docs.filter("lang = 'en'").count() >= 35, "English docs are identified as en");
    assertEquals(0, docs.filter("chars <= 0 or bytes < chars").count());
  }

  @Test
  void rerunWithUnchangedInputsIsSkipped() {
    Storage storage = Storage.local();
    Manifest again = CorpusStage.run(spark, cfg, CorpusStage.key(cfg, storage), storage, false);
    assertEquals(first.createdAt(), again.createdAt(), "an up-to-date output is not rewritten");
  }
}
