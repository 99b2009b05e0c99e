package kotoba.trainer.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.ValidationBlocks;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.GptModel;
import kotoba.trainer.train.Evaluator;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TrainerConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-run benchmark main (not a unit test) behind {@code bench/train_throughput_spark.sh}: trains kotoba's GPT
 * with {@link SparkStepper} (parameter averaging) on one core per worker ({@link #master}), and prints one
 * JSON line with tokens/s after the warm-up rounds, seconds per round and the loss reached: the last round's
 * training loss and, when TOKENS is a tokenize stage's output rather than a token file, the held-out loss on its
 * validation split ({@link BenchmarkTokens}).
 *
 * <pre>  TOKENS vocab context batchPerWorker d layers heads workers averagingFrequency rounds
 *  [reuse|rebuild|local] [warmupRounds]</pre>
 *
 * <p>At a few steps a second C2 is still compiling the step's methods after the first round; more warm-up rounds
 * keep that one-off cost, which a one-worker JVM gets for free on the idle core, out of the measured rounds.
 *
 * <p>{@code reuse} (the default) is kotoba's worker that keeps its network between rounds; {@code rebuild} is DL4J's
 * own worker, which builds the network from JSON every round; {@code local} is kotoba's worker keeping its Adam
 * moments too ({@code optimizer_state = local}), so rounds ship only parameters. No round here ends at a checkpoint,
 * which in a training run also brings the moments back.
 *
 * <p>Spark logs at {@code ERROR}; {@code -Dkotoba.bench.log=WARN} shows what it retried, such as result fetches the
 * driver's heap could not hold (bench/RESULTS.md 3t).
 */
public final class SparkThroughputBenchmark {

    /** Held-out sequences for the loss reached, scored in batches of the per-worker batch. */
    private static final int VALIDATION_BLOCKS = 64;

    private SparkThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        if (args.length < 10 || args.length > 12) {
            System.err.println("usage: TOKENS vocab context batchPerWorker d layers heads workers averagingFrequency "
                    + "rounds [reuse|rebuild|local] [warmupRounds]");
            System.exit(2);
        }
        int[] n = new int[9];
        for (int i = 0; i < 9; i++) {
            n[i] = Integer.parseInt(args[i + 1]);
        }
        int vocab = n[0], context = n[1], batch = n[2], d = n[3], layers = n[4], heads = n[5], workers = n[6];
        int frequency = n[7], rounds = n[8];
        String kind = args.length < 11 ? "reuse" : args[10];
        if (!kind.equals("reuse") && !kind.equals("rebuild") && !kind.equals("local")) {
            System.err.println("worker kind must be reuse, rebuild or local, got " + kind);
            System.exit(2);
        }
        int warmupRounds = args.length < 12 ? 1 : Integer.parseInt(args[11]);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        BenchmarkTokens tokens = BenchmarkTokens.open(Path.of(args[0]), vocab, context);

        SparkConf conf = SparkTrainingConf.apply(master(workers)
                .setAppName("spark-throughput").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1"));
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel(System.getProperty("kotoba.bench.log", "ERROR"));
        try {
            GptConfig config = GptConfig.of(vocab, context, layers, d, heads);
            TrainerConfig trainer = new TrainerConfig(3e-4, 0, 3e-4, 1_000_000, workers * batch * context, 0.1,
                    0.9, 0.95, 1e-8, 1.0, 0, 0, 0, 1L, 0, 1);
            OptimizerSetup optimizer = OptimizerSetup.adamW(trainer);
            ComputationGraph graph = optimizer.newGraph(
                    GptModel.configuration(config, optimizer.updater(), DataType.FLOAT));
            SparkOptions options = new SparkOptions(workers, batch, frequency, 0, "NONE", kind.equals("local")
                    ? SparkOptions.OptimizerState.LOCAL : SparkOptions.OptimizerState.AVERAGED);
            SparkComputationGraph spark = new SparkComputationGraph(sc, graph,
                    TrainingMasters.parameterAveraging(options, batch, 1L, !kind.equals("rebuild")));
            // -Dkotoba.bench.roundTimeout=60s (HOCON's units, as round_timeout): rounds past it fail as they would
            // in `kotoba train` (default: none).
            RoundWatchdog watchdog = new RoundWatchdog(sc, com.typesafe.config.ConfigFactory.parseString(
                    "t = " + System.getProperty("kotoba.bench.roundTimeout", "0")).getDuration("t"));
            SparkStepper stepper = new SparkStepper(sc, spark, new BatchEncoder(LabelLayout.INDICES, vocab), workers,
                    batch, frequency, watchdog, 0);
            int perCall = stepper.sequencesPerCall();
            long t0 = System.nanoTime();
            double loss = Double.NaN;
            for (int r = 0; r < warmupRounds; r++) {
                loss = stepper.fit(tokens.next(perCall));
            }
            double warmupSeconds = (System.nanoTime() - t0) / 1e9;
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                loss = stepper.fit(tokens.next(perCall));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Both worker counts take the same number of steps; two workers have seen twice the sequences.
            List<PackedBlock> held = tokens.validation(VALIDATION_BLOCKS);
            String valLoss = held.isEmpty() ? "null" : String.format("%.4f", Evaluator.evaluate(stepper.graph(),
                    ValidationBlocks.batches(held, batch), new BatchEncoder(LabelLayout.INDICES, vocab)).loss());
            System.out.printf("{\"side\": \"kotoba-spark\", \"worker\": \"%s\", \"workers\": %d, "
                            + "\"averaging_frequency\": %d, "
                            + "\"batch_per_worker\": %d, \"rounds\": %d, \"seconds_per_round\": %.2f, "
                            + "\"tokens_per_s\": %.1f, \"loss\": %.4f, \"val_loss\": %s, \"steps\": %d, "
                            + "\"warmup_rounds\": %d, \"warmup_seconds\": %.2f}%n",
                    kind, workers, frequency, batch, rounds, elapsed / rounds,
                    rounds * (double) perCall * context / elapsed, loss, valLoss,
                    (warmupRounds + rounds) * frequency, warmupRounds, warmupSeconds);
        } finally {
            sc.stop();
        }
    }

    /**
     * {@code local[workers]} (one JVM, one task slot per worker), or with {@code -Dkotoba.bench.executors=MB}
     * {@code local-cluster[workers,1,MB]}: one executor JVM of one core per worker, started by Spark's embedded
     * standalone cluster with this JVM's class path.
     */
    static SparkConf master(int workers) {
        String executorMb = System.getProperty("kotoba.bench.executors", "");
        if (executorMb.isEmpty()) {
            return new SparkConf().setMaster("local[" + workers + "]");
        }
        return new SparkConf().setMaster("local-cluster[" + workers + ",1," + executorMb + "]")
                .set("spark.executor.memory", executorMb + "m")
                .set("spark.executor.extraClassPath", absoluteClassPath())
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    }

    /** This JVM's class path with every entry absolute: executors start in their own working directories. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
