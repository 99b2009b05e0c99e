package kotoba.trainer;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.stage.Fingerprints;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ManifestStore;
import kotoba.pipeline.stage.StageKey;
import kotoba.pipeline.stage.StageRunner;
import kotoba.pipeline.storage.Storage;
import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.ParquetTokenDocs;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.data.ValidationBlocks;
import kotoba.trainer.model.Flops;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.GptModel;
import kotoba.trainer.model.ParamCount;
import kotoba.trainer.spark.DriverResultBudget;
import kotoba.trainer.spark.SparkTrainer;
import kotoba.trainer.train.CheckpointStore;
import kotoba.trainer.train.MetricsFileSink;
import kotoba.trainer.train.ModelInfo;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.TrainingState;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The train stage: token docs -> a GPT trained locally or data-parallel on Spark, with checkpoints, metrics (CSV
 * while training, Parquet at the end) and a manifest. A finished run is skipped; an interrupted one resumes from its
 * newest checkpoint with the same data order.
 */
public final class TrainStage {
  public static final String NAME = "train";
  public static final int VERSION = 2;
  /** Checkpoints kept per run: the newest two, so a crash while writing one still leaves a complete one. */
  static final int KEEP_CHECKPOINTS = 2;
  private static final java.time.format.DateTimeFormatter SUPERSEDED_NAME =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

  private TrainStage() {}

  /** The run's identity: its config (less its {@code NotKeyed} settings) and the tokenize stage's output. */
  public static StageKey key(TrainConfig cfg, Storage storage) {
    return StageKey.of(NAME, VERSION, cfg, List.of(Fingerprints.ofStageOutput(storage, cfg.input(), "tokenize")));
  }

  public static String runDir(TrainConfig cfg) {
    return Storage.child(cfg.output(), cfg.runId());
  }

  public static String checkpointDir(TrainConfig cfg) {
    return Storage.child(runDir(cfg), "checkpoints");
  }

  /** The model a run trains, with the vocabulary of its tokenize stage. */
  public static GptConfig gptConfig(TrainConfig cfg, Storage storage) {
    Manifest tokens = ManifestStore.read(storage, cfg.input()).orElseThrow(() -> new ConfigError(
        "trainer.input " + cfg.input() + " has no manifest; run `kotoba tokenize` first"));
    try {
      return cfg.model().toGpt(((Number) tokens.info().get("vocab_size")).intValue());
    } catch (IllegalArgumentException e) {
      throw new ConfigError("trainer.model: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a run can start, decided before Spark does: the model's shape, and in spark mode whether an averaging
   * round's results fit the driver's result limit under {@code sparkSettings}, the settings the session starts with,
   * and this driver's heap.
   */
  public static GptConfig checkBeforeSpark(TrainConfig cfg, Storage storage, SparkConf sparkSettings) {
    GptConfig gpt = gptConfig(cfg, storage);
    if (cfg.mode() == TrainConfig.Mode.SPARK) {
      long params = ParamCount.total(model(cfg, gpt, OptimizerSetup.adamW(cfg.optim()).updater()));
      DriverResultBudget budget = new DriverResultBudget(params, cfg.spark().workers());
      // This JVM is the driver: spark-submit starts it with spark.driver.memory as its heap.
      budget.problem(sparkSettings, Runtime.getRuntime().maxMemory()).ifPresent(reason -> {
        throw new ConfigError("trainer: " + reason);
      });
    }
    return gpt;
  }

  /** The network the run's objective trains. */
  private static ComputationGraphConfiguration model(TrainConfig cfg, GptConfig gpt, IUpdater updater) {
    return switch (cfg.objective()) {
      case CAUSAL_LM -> GptModel.configuration(gpt, updater, DataType.FLOAT);
    };
  }

  public static Manifest run(SparkSession spark, TrainConfig cfg, StageKey key, Storage storage, boolean force,
      PrintStream console) {
    return StageRunner.run(storage, runDir(cfg), key, force, () -> train(spark, cfg, key, storage, console));
  }

  /**
   * Checkpoints may only be resumed by the run that wrote them: the run directory records its stage key (less the
   * code version), and this says whether the key it recorded is {@code key}'s, recording {@code key} from now on.
   */
  private static boolean sameRunAsBefore(TrainConfig cfg, StageKey key, Storage storage) {
    String marker = Storage.child(runDir(cfg), "_run_key");
    String fingerprint = key.resumeIdentity();
    if (storage.exists(marker) && storage.readString(marker).equals(fingerprint)) return true;
    storage.writeAtomically(marker, fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return false;
  }

  /**
   * Moves a run directory's checkpoints and metrics to {@code superseded/<UTC time>/} in it, when a run that will not
   * continue them starts there (another config or other inputs: a retrained tokenizer, a refreshed corpus; or
   * {@code --no-resume}). Not deleted, since they may be the only copy of a model that took days to train; and not
   * left in place, where they would outrank the new run's own checkpoints.
   */
  private static void setAsidePreviousWork(TrainConfig cfg, Storage storage, PrintStream console, String why) {
    String dir = runDir(cfg);
    String aside = Storage.child(dir, "superseded/" + SUPERSEDED_NAME.format(java.time.Instant.now()));
    int moved = 0;
    for (String previous : List.of(checkpointDir(cfg), Storage.child(dir, "metrics*.csv"),
        Storage.child(dir, "metrics"))) {
      moved += storage.moveMatching(previous, aside);
    }
    if (moved > 0) {
      console.println("[train] moved the checkpoints and metrics in " + dir + " to " + aside + ": " + why
          + "; this run starts at step 0");
    }
  }

  private static StageRunner.Result train(SparkSession spark, TrainConfig cfg, StageKey key, Storage storage,
      PrintStream console) {
    Manifest tokens = ManifestStore.read(storage, cfg.input()).orElseThrow();
    GptConfig gpt = gptConfig(cfg, storage);
    int eos = ((Number) tokens.info().get("eos_id")).intValue();
    if (eos < 0) throw new IllegalArgumentException("the tokenizer has no </s> (eos_id = -1); documents need one");
    int context = gpt.contextLength();
    String data = Storage.child(cfg.input(), "data");
    var hadoop = storage.hadoop();
    ParquetTokenDocs trainDocs = new ParquetTokenDocs(data, "train", gpt.vocabSize(), hadoop);
    ParquetTokenDocs valDocs = new ParquetTokenDocs(data, "val", gpt.vocabSize(), hadoop);
    int sequences = cfg.optim().sequencesPerStep(context);
    Function<Cursor, TokenBlockReader> readers = cursor -> new TokenBlockReader(trainDocs, context, eos,
        cfg.optim().seed(), cfg.optim().shuffleBufferDocs(), cursor);
    List<TokenBatch> validation = ValidationBlocks.batches(
        ValidationBlocks.load(valDocs, context, eos, cfg.optim().evalBatches() * sequences), sequences);

    OptimizerSetup optimizer = OptimizerSetup.adamW(cfg.optim());
    ComputationGraph graph = optimizer.newGraph(model(cfg, gpt, optimizer.updater()));
    ParamCount params = ParamCount.of(graph);
    // C as in Kaplan et al. 2020: 6 FLOPs per non-embedding parameter per token plus the attention term.
    double flopsPerToken = Flops.trainingPerToken(gpt, params, false);
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("n_layer", gpt.nLayer());
    shape.put("d_model", gpt.dModel());
    shape.put("n_head", gpt.nHead());
    shape.put("context_length", context);
    shape.put("vocab_size", gpt.vocabSize());
    ModelInfo info = new ModelInfo(params.total(), params.nonEmbedding(), flopsPerToken, context, shape);
    console.printf("[train] run %s: %s %s, N=%,d (non-embedding %,d), %d sequences x %d tokens per step, %s mode%n",
        cfg.runId(), cfg.objective().name().toLowerCase(), gpt, params.total(), params.nonEmbedding(), sequences,
        context, cfg.mode().name().toLowerCase());

    String metricsCsv = Storage.child(runDir(cfg), "metrics.csv");
    CheckpointStore checkpoints = new CheckpointStore(checkpointDir(cfg), hadoop, KEEP_CHECKPOINTS);
    boolean sameRun = sameRunAsBefore(cfg, key, storage);
    if (!sameRun || !cfg.resume()) {
      setAsidePreviousWork(cfg, storage, console, sameRun ? "--no-resume starts the run over"
          : "they belong to a run with another config or other inputs");
    }
    // Listing checkpoints reads a directory and a state file, on HDFS or S3 too: once.
    java.util.Optional<Long> resumeAt = sameRun && cfg.resume()
        ? checkpoints.latest().map(TrainingState::step) : java.util.Optional.empty();
    boolean resuming = resumeAt.isPresent();
    if (resuming) {
      console.println("[train] resuming from " + checkpoints.pathOf(resumeAt.get()));
      metricsCsv = Storage.child(runDir(cfg), "metrics-from-" + resumeAt.get() + ".csv");
    }
    BatchEncoder encoder = switch (cfg.objective()) {
      case CAUSAL_LM -> new BatchEncoder(LabelLayout.INDICES, gpt.vocabSize()); // labels: the inputs shifted by one
    };
    TrainingState end;
    try (MetricsFileSink sink = new MetricsFileSink(metricsCsv, hadoop)) {
      long stopAt = cfg.optim().maxSteps();
      if (cfg.mode() == TrainConfig.Mode.SPARK) {
        SparkTrainer t = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), cfg.optim(),
            cfg.spark(), info, readers, validation, encoder, sink, checkpoints, console);
        end = resuming ? t.resume(stopAt) : t.train(graph, cfg.runId(), stopAt);
      } else {
        kotoba.trainer.train.LocalTrainer t = new kotoba.trainer.train.LocalTrainer(cfg.optim(), info, readers,
            validation, encoder, sink, checkpoints, console);
        end = resuming ? t.resume(stopAt) : t.train(graph, cfg.runId(), stopAt);
      }
    }
    String metricsDir = RunMetricsTable.write(spark, runDir(cfg));

    Map<String, Long> counts = new TreeMap<>();
    counts.put("steps", end.step());
    counts.put("tokens_seen", end.tokensSeen());
    counts.put("params", params.total());
    counts.put("params_non_embedding", params.nonEmbedding());
    Map<String, Object> out = new TreeMap<>();
    out.put("checkpoint", checkpoints.pathOf(end.step()));
    out.put("metrics", metricsDir);
    out.put("model", gpt.toString());
    out.put("objective", cfg.objective().name().toLowerCase());
    Map<String, Long> drops = new TreeMap<>();
    trainDocs.rejects().snapshot().forEach((k, v) -> drops.put("train." + k, v));
    return new StageRunner.Result(counts, drops, out);
  }
}
