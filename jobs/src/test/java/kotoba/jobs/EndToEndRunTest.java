package kotoba.jobs;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import kotoba.jobs.cli.ConfigOptions;
import kotoba.jobs.cli.JobContext;
import kotoba.pipeline.spark.SharedSpark;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ManifestStore;
import kotoba.pipeline.stage.StageKey;
import kotoba.pipeline.storage.Storage;
import kotoba.tokenizer.encode.Tokenizer;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.TrainStage;
import kotoba.trainer.data.ParquetTokenDocs;
import kotoba.trainer.data.RowGroupRef;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kotoba run` end to end on a small English + Japanese fixture: every stage, through the real CLI. */
class EndToEndRunTest {
  @TempDir static Path tmp;
  static String out;
  static List<String> args;

  private static final String[] EN = ("members of the committee voted on the proposal to improve rail transport "
      + "across the union and asked the commission to publish its report on safety before the summer").split(" ");
  private static final String[] JA = {"鉄道の", "安全に", "ついて", "委員会は", "報告書を", "夏までに", "公表する",
      "ように", "求めました", "また", "新しい", "提案に", "投票しました"};

  @BeforeAll
  static void runPipeline() throws IOException {
    SharedSpark.get(); // the CLI's session factory reuses this one
    Random rnd = new Random(3);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) lines.add(sentence(rnd, EN, 12 + rnd.nextInt(20), " ") + ".");
    for (int i = 0; i < 200; i++) lines.add(sentence(rnd, JA, 8 + rnd.nextInt(12), "") + "。");
    Path raw = Files.createDirectories(tmp.resolve("raw"));
    Files.writeString(raw.resolve("mixed.txt"), String.join("\n", lines) + "\n");
    args = List.of(
        "--set", "paths.data=\"" + tmp.resolve("data") + "\"",
        "--set", "corpus.inputs=[{path=\"" + raw.resolve("mixed.txt") + "\", source=mixed, format=text, unit=line}]",
        "--set", "corpus.filters.min_chars=20",
        "--set", "corpus.filters.max_top_ngram_fraction={\"2\"=1.0,\"3\"=1.0,\"4\"=1.0}",
        "--set", "corpus.filters.max_duplicate_ngram_fraction={\"5\"=1.0,\"6\"=1.0,\"7\"=1.0,\"8\"=1.0,\"9\"=1.0,\"10\"=1.0}",
        "--set", "corpus.val_fraction=0.1",
        "--set", "tokenizer.vocab_size=400",
        "--set", "tokenizer.seed_sentencepiece_size=5000",
        "--set", "trainer.model.n_layer=1", "--set", "trainer.model.d_model=32", "--set", "trainer.model.n_head=2",
        "--set", "trainer.model.context_length=16", "--set", "trainer.optim.batch_tokens=128",
        "--set", "trainer.optim.max_steps=30", "--set", "trainer.optim.warmup_steps=3",
        "--set", "trainer.optim.eval_every=10", "--set", "trainer.optim.eval_batches=2",
        "--set", "trainer.optim.checkpoint_every=15", "--set", "trainer.optim.log_every=10",
        "--set", "generate.max_new_tokens=8");
    out = runCli("run");
  }

  static String runCli(String command) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      List<String> a = new ArrayList<>(List.of(command));
      a.addAll(args);
      int code = Kotoba.execute(a.toArray(String[]::new));
      assertEquals(0, code, "kotoba " + command + " failed:\n" + buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
    String s = buf.toString(StandardCharsets.UTF_8);
    old.println(s);
    return s;
  }

  /** What a CLI call returned and printed. */
  private record Cli(int code, String out, String err) {}

  /** Runs the CLI with {@code args}, capturing what it prints. */
  private static Cli execute(List<String> args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Kotoba.execute(args.toArray(String[]::new));
      return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String sentence(Random rnd, String[] words, int n, String sep) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : sep).append(words[rnd.nextInt(words.length)]);
    return sb.toString();
  }

  private static Manifest manifest(String dir) {
    return ManifestStore.read(Storage.local(), tmp.resolve("data").resolve(dir).toString()).orElseThrow();
  }

  @Test
  void everyStageWritesItsManifest() {
    assertEquals(500, manifest("corpus").count("in"));
    assertEquals(400L, manifest("tokenizer").count("vocab_size"));
    assertTrue(Files.exists(tmp.resolve("data/tokenizer/kotoba.vocab")));
    assertTrue(Files.exists(tmp.resolve("data/tokenizer/tokenizer.json")));
    Manifest tokens = manifest("tokens");
    assertTrue(tokens.count("train.tokens") > 1000, tokens.counts().toString());
    Manifest run = manifest("runs/gpt-small");
    assertEquals(30L, run.count("steps"));
    assertEquals("causal_lm", run.info().get("objective"));
  }

  @Test
  void tokenDocsKeepEachSplitInItsOwnDirectory() throws IOException {
    Path data = tmp.resolve("data/tokens/data");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    for (Path f : files) {
      String dir = f.getParent().getFileName().toString();
      assertTrue(dir.equals("split=train") || dir.equals("split=val"), f.toString());
    }
    Manifest tokens = manifest("tokens");
    assertTrue(tokens.count("val.docs") > 0, tokens.counts().toString());
    // The trainer's reader lists only the val directory's row groups for the val split.
    ParquetTokenDocs val = new ParquetTokenDocs(data.toString(), "val", 400, new Configuration());
    for (RowGroupRef group : val.rowGroups()) {
      assertTrue(group.path().contains("/split=val/"), group.path());
    }
    // Spark reads the split back as a column, with the manifest's counts.
    Dataset<Row> docs = SharedSpark.get().read().parquet(data.toString());
    assertEquals(tokens.count("val.docs"), docs.filter("split = 'val'").count());
    assertEquals(tokens.count("train.docs"), docs.filter("split = 'train'").count());
    assertEquals(tokens.count("train.tokens"),
        docs.filter("split = 'train'").agg(sum("n_tokens")).first().getLong(0));
  }

  @Test
  void tokenizerModelRoundTripsTheText() throws IOException {
    Tokenizer t = Tokenizer.load(tmp.resolve("data/tokenizer/kotoba.model"));
    String text = "委員会は報告書を公表しました and the committee voted.";
    assertEquals(t.normalize(text).replace('\u2581', ' ').strip(), t.decode(t.encode(text)));
  }

  @Test
  void metricsHaveOneRowPerStepWithFallingValidationLoss() {
    Dataset<Row> m = SharedSpark.get().read().parquet(tmp.resolve("data/runs/gpt-small/metrics").toString());
    assertEquals(30, m.select("step").distinct().count());
    List<Row> val = m.filter("val_loss is not null and not isnan(val_loss)").orderBy("step")
        .select("step", "val_loss", "val_bits_per_byte", "flops", "params_non_embedding").collectAsList();
    assertTrue(val.size() >= 3, "validation every 10 steps: " + val);
    assertTrue(val.get(val.size() - 1).getDouble(1) < val.get(0).getDouble(1), "val loss falls: " + val);
    assertTrue(val.get(0).getDouble(2) > 0);
  }

  @Test
  void rerunSkipsEveryStageAndSamples() {
    String again = runCli("run");
    assertTrue(again.contains("[corpus] up to date, skipped"), again);
    assertTrue(again.contains("[train] up to date, skipped"), again);
    assertTrue(again.contains("[generate] "), again);
  }

  @Test
  void sweepTrainsTheGridSkipsImpossibleShapesAndCollectsOneMetricsTable() {
    List<String> sweepArgs = new ArrayList<>(List.of("sweep"));
    sweepArgs.addAll(args);
    sweepArgs.addAll(List.of("--set", "sweep.name=ci",
        "--set", "sweep.shapes=[{n_layer=1,d_model=16,n_head=2},{n_layer=1,d_model=30,n_head=4},{n_layer=1,d_model=32,n_head=2}]",
        "--set", "sweep.token_budgets=[1280,2560]"));
    Cli sweep = execute(sweepArgs);
    String log = sweep.out();
    System.out.println(log);
    assertEquals(3, sweep.code(), "a sweep with a skipped shape exits 3 after finishing the rest:\n" + log);
    assertTrue(log.contains("ci-L1-d30-h4-D1280: skipped, n_head=4 does not divide d_model=30"), log);
    assertTrue(log.contains("4 of 6 runs finished"), log);
    Dataset<Row> m = SharedSpark.get().read().option("header", "true")
        .csv(tmp.resolve("data/sweep/metrics.csv").toString());
    assertEquals(4, m.select("run_id").distinct().count());
    assertEquals(2 * (10 + 20), m.count(), "one row per step of every finished run");
  }

  @Test
  void checkpointsOfARunWithAnotherConfigAreMovedAsideNotResumed() throws IOException {
    runTrain(fourStepRun("changing", "--set", "trainer.optim.learning_rate=1e-3"));
    String log = runTrain(fourStepRun("changing", "--set", "trainer.optim.learning_rate=2e-3"));
    assertTrue(log.contains("moved the checkpoints and metrics") && log.contains("this run starts at step 0"), log);
    assertTrue(!log.contains("resuming from") && log.contains("step 4/4"), log);
    // The first run's model and metrics are kept whole, beside the new run's.
    Path run = tmp.resolve("data/runs/changing");
    try (Stream<Path> aside = Files.list(run.resolve("superseded"))) {
      Path first = aside.findFirst().orElseThrow();
      assertTrue(Files.isDirectory(first.resolve("checkpoints/step-00000004")), first.toString());
      assertTrue(Files.isDirectory(first.resolve("metrics")) && Files.exists(first.resolve("metrics.csv")),
          first.toString());
    }
    assertTrue(Files.isDirectory(run.resolve("checkpoints/step-00000004")), "the new run's own checkpoints");
  }

  @Test
  void aRunStartedOverWithNoResumeSetsTheOldCheckpointsAsideAndTrainsFromStepZero() throws IOException {
    // A finished run is up to date; --force reruns it, and --no-resume from step 0. Left in place, its step-4
    // checkpoint would outrank the new run's own until the new run wrote its step 4: a restart interrupted before
    // that would have resumed from the old model (and with more old checkpoints, the store prunes the new ones).
    runTrain(fourStepRun("restarted"));
    String log = runTrain(fourStepRun("restarted", "--no-resume", "--force"));
    assertTrue(log.contains("moved the checkpoints and metrics") && log.contains("--no-resume starts the run over"),
        log);
    assertTrue(log.contains("step 4/4") && !log.contains("resuming from"), log);
    try (Stream<Path> aside = Files.list(tmp.resolve("data/runs/restarted/superseded"))) {
      Path first = aside.findFirst().orElseThrow();
      assertTrue(Files.isDirectory(first.resolve("checkpoints/step-00000004")), first.toString());
    }
  }

  @Test
  void aRunStartedOverWithNoResumeIsTheSameRunAfterwards() {
    // --no-resume says how to start a run, not which run it is: once the run it started has finished, a plain
    // `kotoba train` skips it instead of discarding its checkpoints and training it again.
    String first = runTrain(fourStepRun("started-over", "--no-resume"));
    assertTrue(first.contains("step 4/4"), first);
    String again = runTrain(fourStepRun("started-over"));
    assertTrue(again.contains("[train] up to date, skipped"), again);
    assertTrue(!again.contains("moved the checkpoints"), again);
  }

  @Test
  void aRunIsTheSameRunWhateverItsConsoleCadenceTimeoutOrStorageLevel() {
    runTrain(fourStepRun("console-cadence"));
    String again = runTrain(fourStepRun("console-cadence", "--set", "trainer.optim.log_every=1",
        "--set", "trainer.spark.round_timeout=5m", "--set", "trainer.spark.storage_level=MEMORY_ONLY_SER"));
    assertTrue(again.contains("[train] up to date, skipped"), again);
  }

  @Test
  void aSparkRoundPastItsTimeoutStopsTheRunWithAResumableExitAndThenTheRunFinishes() {
    String[] spark = {"--set", "trainer.mode=spark", "--set", "trainer.spark.averaging_frequency=2"};
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(fourStepRun("timed-out", spark));
    a.addAll(List.of("--set", "trainer.spark.round_timeout=1ms"));
    Cli timedOut = execute(a);
    String err = timedOut.err();
    assertEquals(Kotoba.EXIT_RESUMABLE, timedOut.code(), err);
    assertTrue(err.contains("kotoba: error: the averaging round of steps 1-2 did not finish within 0.001s "
        + "(trainer.spark.round_timeout)"), err);
    assertTrue(!err.contains("\tat "), "a timeout is reported without a stack trace: " + err);

    String log = runTrain(fourStepRun("timed-out", spark));
    assertTrue(log.contains("step 4/4"), log);
    assertTrue(!log.contains("moved the checkpoints"), log);
  }

  @Test
  void aSweepWhoseOnlyProblemIsATimedOutRoundExitsResumableAndItsRerunFinishes() {
    List<String> sweepArgs = new ArrayList<>(List.of("sweep"));
    sweepArgs.addAll(args);
    sweepArgs.addAll(List.of("--set", "sweep.name=timeouts",
        "--set", "sweep.output=\"" + tmp.resolve("data/sweep-timeouts") + "\"",
        "--set", "sweep.shapes=[{n_layer=1,d_model=16,n_head=2}]", "--set", "sweep.token_budgets=[1280]",
        "--set", "trainer.mode=spark"));
    List<String> timedOut = new ArrayList<>(sweepArgs);
    timedOut.addAll(List.of("--set", "trainer.spark.round_timeout=1ms"));
    Cli first = execute(timedOut);
    assertEquals(Kotoba.EXIT_RESUMABLE, first.code(), first.out() + first.err());
    assertTrue(first.out().contains(
        "timeouts-L1-d16-h2-D1280: failed, the averaging round of steps 1-5 did not finish"), first.out());
    Cli again = execute(sweepArgs);
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("1 of 1 runs finished"), again.out());
  }

  @Test
  void aRunResumedAfterACrashPastItsCheckpointHasOneMetricsRowPerStep() throws IOException {
    // The state of a crash after step 4's metrics row and before its checkpoint: no manifest, no step-4 checkpoint.
    // The resume trains steps 3 and 4 again; the table keeps the resumed rows, once.
    runTrain(fourStepRun("crashed"));
    Path run = tmp.resolve("data/runs/crashed");
    Files.delete(run.resolve(Manifest.FILE_NAME));
    try (Stream<Path> files = Files.walk(run.resolve("checkpoints/step-00000004"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
    String log = runTrain(fourStepRun("crashed"));
    assertTrue(log.contains("resuming from") && log.contains("step-00000002"), log);
    Dataset<Row> m = SharedSpark.get().read().parquet(run.resolve("metrics").toString());
    assertEquals(4, m.count(), "one row per step of a 4-step run");
    assertEquals(4, m.select("step").distinct().count());
  }

  @Test
  void aRunGoesOnUnderAnotherKotobaVersionInsteadOfBeingTrainedAgain() {
    // `bin/kotoba` (module jars) records code version "dev", the spark-submit jar its release; a new release is
    // another version again. The run's checkpoints are the same run's under each: the finished run below is
    // resumed at its last step (nothing to train), not discarded and trained from step 0.
    runTrain(fourStepRun("other-version"));
    ConfigOptions options = new ConfigOptions();
    List<String> a = fourStepRun("other-version");
    for (int i = 0; i < a.size(); i += 2) {
      assertEquals("--set", a.get(i));
      options.sets.add(a.get(i + 1));
    }
    JobContext ctx = JobContext.training(options);
    TrainConfig cfg = ctx.section("trainer", TrainConfig.class);
    StageKey key = TrainStage.key(cfg, ctx.storage());
    StageKey released = new StageKey(key.stage(), key.stageVersion(), key.codeVersion() + "-next",
        key.configDigest(), key.inputs());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Manifest m = TrainStage.run(ctx.spark(), cfg, released, ctx.sparkStorage(), false,
        new PrintStream(log, true, StandardCharsets.UTF_8));
    String said = log.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("[train] resuming from") && said.contains("step-00000004"), said);
    assertTrue(!said.contains("moved the checkpoints") && !said.contains("step 1/4"), said);
    assertEquals(4L, ((Number) m.counts().get("steps")).longValue());
  }

  /** The pipeline's arguments for a 4-step run {@code runId} that checkpoints every 2 steps, then {@code extra}. */
  private static List<String> fourStepRun(String runId, String... extra) {
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of("--set", "trainer.run_id=" + runId, "--set", "trainer.optim.max_steps=4",
        "--set", "trainer.optim.checkpoint_every=2"));
    a.addAll(List.of(extra));
    return a;
  }

  private static String runTrain(List<String> a) {
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(a);
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Kotoba.execute(all.toArray(String[]::new)), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sparkRoundsTooBigForTheDriverStopBeforeTraining() {
    // d=128 here is about 303k parameters: each of the two workers returns 3.6 MB of parameters and moments a round.
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(args);
    a.addAll(List.of("--set", "trainer.run_id=too-big-for-the-driver", "--set", "trainer.mode=spark",
        "--set", "trainer.spark.workers=2", "--set", "trainer.model.d_model=128",
        "--set", "spark.conf.\"spark.driver.maxResultSize\"=5m"));
    Cli train = execute(a);
    String err = train.err();
    assertEquals(Kotoba.EXIT_CONFIG, train.code(), err);
    assertTrue(err.contains("above spark.driver.maxResultSize = 5m"), err);
    assertTrue(!Files.exists(tmp.resolve("data/runs/too-big-for-the-driver")), "nothing trained");
  }

  @Test
  void sparkRoundsTooBigForTheDriversHeapStopBeforeTraining() {
    // No result limit, but d=1024 x 4 layers (about 50M parameters) returns some 600 MB per worker a round: this
    // 4 GB test JVM could not fetch two of them (each held twice) next to the round's broadcast.
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(args);
    a.addAll(List.of("--set", "trainer.run_id=too-big-for-the-heap", "--set", "trainer.mode=spark",
        "--set", "trainer.spark.workers=2", "--set", "trainer.model.d_model=1024", "--set", "trainer.model.n_layer=4",
        "--set", "trainer.model.n_head=8", "--set", "spark.conf.\"spark.driver.maxResultSize\"=0"));
    Cli train = execute(a);
    String err = train.err();
    assertEquals(Kotoba.EXIT_CONFIG, train.code(), err);
    assertTrue(err.contains("MiB of driver heap") && err.contains("spark-submit --driver-memory"), err);
    assertTrue(!Files.exists(tmp.resolve("data/runs/too-big-for-the-heap")), "nothing trained");
  }

  @Test
  void aSweepSaysWhichRunsCannotReachTheDriverBeforeAnyRunTrains() {
    List<String> a = new ArrayList<>(List.of("sweep"));
    a.addAll(args);
    a.addAll(List.of("--set", "sweep.name=too-big", "--set", "trainer.mode=spark", "--set", "trainer.spark.workers=2",
        "--set", "sweep.shapes=[{n_layer=1,d_model=16,n_head=2},{n_layer=1,d_model=128,n_head=2}]",
        "--set", "sweep.token_budgets=[1280]", "--set", "spark.conf.\"spark.driver.maxResultSize\"=5m"));
    Cli sweep = execute(a);
    String log = sweep.out();
    assertEquals(3, sweep.code(), log);
    int said = log.indexOf("[sweep] run too-big-L1-d128-h2-D1280 cannot start: trainer: an averaging round");
    int firstRun = log.indexOf("[sweep] run too-big-L1-d16-h2-D1280:");
    assertTrue(said >= 0 && firstRun > said, "said before the first run trains:\n" + log);
    assertTrue(log.contains("1 of 2 runs finished"), log);
  }

  @Test
  void configErrorsStopBeforeSpark() {
    assertEquals(Kotoba.EXIT_CONFIG, Kotoba.execute("corpus", "--set", "corpus.val_fractoin=0.1"));
    assertEquals(Kotoba.EXIT_CONFIG, Kotoba.execute("train", "--set", "paths.data=\"" + tmp.resolve("data") + "\"",
        "--set", "trainer.model.n_head=3"));
    assertEquals(Kotoba.EXIT_CONFIG, Kotoba.execute("corpus", "--set", "corpus.inputs=[{path=/no/such/file}]"));
  }
}
