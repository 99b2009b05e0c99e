package kotoba.trainer.spark;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.ParquetTokenDocs;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.train.CheckpointStore;
import kotoba.trainer.train.LocalTrainer;
import kotoba.trainer.train.MetricsRow;
import kotoba.trainer.train.MetricsSink;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TinyLm;
import kotoba.trainer.train.TrainerConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.ExecutorCacheTaskLocation;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskLocation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.BroadcastBlockId;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class SparkTrainerTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @TempDir
    static Path tmp;
    static String corpus;

    @BeforeAll
    static void start() {
        // dl4j-spark drags in scala-library 2.12.14; Spark 3.5.7 is built on 2.12.18 and its tasks fail to
        // deserialise ("too many arguments") on the older library. The pom must pin 2.12.18.
        String scalaVersion = scala.util.Properties.versionNumberString();
        Assumptions.assumeTrue(scalaVersion.equals("2.12.18"), "scala-library " + scalaVersion
                + " on the test classpath; Spark 3.5.7 needs 2.12.18 (pin org.scala-lang:scala-library/reflect)");
        SparkConf conf = SparkTrainingConf.apply(new SparkConf().setMaster("local[2]").setAppName("trainer-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        corpus = writeCorpusWithSpark(spark, tmp.resolve("docs").toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Token docs as the tokenize stage writes them: Spark's own Parquet layout for array<int>. */
    static String writeCorpusWithSpark(SparkSession spark, String path) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("split", DataTypes.StringType)
                .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("n_tokens", DataTypes.IntegerType).add("bytes", DataTypes.LongType);
        Random rng = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 80; d++) {
            int n = 3 + rng.nextInt(15);
            List<Integer> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tokens.add(1 + rng.nextInt(TinyLm.VOCAB - 1));
            }
            rows.add(RowFactory.create("d" + d, d % 8 == 0 ? "val" : "train", tokens, n, 2L * n));
        }
        spark.createDataFrame(rows, schema).repartition(2).write().parquet(path);
        return path;
    }

    static Function<Cursor, TokenBlockReader> readers() {
        return readers(corpus);
    }

    /** Readers of the train split of a corpus {@link #writeCorpusWithSpark} wrote, 16-token blocks, seed 9. */
    static Function<Cursor, TokenBlockReader> readers(String corpus) {
        return c -> new TokenBlockReader(new ParquetTokenDocs(corpus, "train", TinyLm.VOCAB, new Configuration()),
                TinyLm.T, TinyLm.EOS, 9L, 16, c);
    }

    static class Rows implements MetricsSink {
        final List<MetricsRow> rows = new ArrayList<>();

        @Override
        public void write(MetricsRow row) {
            rows.add(row);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void averagingEveryStepWithPlainSgdMatchesOneJvmOnTheCombinedBatch() {
        SparkEquivalenceChecks.sgdAveragedEveryStepEqualsOneJvmOnTheCombinedBatch(sc, readers());
    }

    @Test
    void oneWorkerAveragingEveryStepFollowsTheLearningRateScheduleLikeOneJvm() {
        // One worker, averaged after every step: the same AdamW steps as a single JVM, provided the worker sees the
        // driver's iteration count. DL4J's own worker restarts the schedule each round (warmup step 0 forever).
        int steps = 4;
        TrainerConfig config = new TrainerConfig(0.05, 3, 0.005, steps, 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 0, 0, 0,
                0, 9L, 16, 1);
        OptimizerSetup adamW = OptimizerSetup.adamW(config);
        ComputationGraph local = adamW.newGraph(TinyLm.configuration());
        ComputationGraph distributed = local.clone();
        INDArray initial = local.params().dup();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);
        new LocalTrainer(config, TinyLm.info(local.numParams()), readers(), List.of(), encoder, new Rows(), null, null)
                .train(local, "local", steps);
        new SparkTrainer(sc, config, new SparkOptions(1, 0, 1, 0, "NONE"), TinyLm.info(distributed.numParams()),
                readers(), List.of(), encoder, new Rows(), null, null).train(distributed, "spark", steps);
        assertFalse(local.params().equalsWithEps(initial, 1e-3), "training should move the parameters");
        double maxAbs = local.params().sub(distributed.params()).amaxNumber().doubleValue();
        assertTrue(maxAbs < 1e-5, "Spark and single-JVM parameters differ by up to " + maxAbs);
    }

    @Test
    void workersThatKeepTheirNetworkBetweenRoundsTrainExactlyLikeWorkersThatRebuildIt() {
        // Workers size ND4J's threads to their task's cores (spark.task.cpus = 1 here), whatever they were before.
        int blasThreadsBefore = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(2);
        try {
            SparkEquivalenceChecks.keptNetworksTrainExactlyLikeRebuiltOnes(sc, readers());
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "BLAS threads per one-core task");
        } finally {
            Nd4j.factory().blas().setMaxThreads(blasThreadsBefore);
        }
    }

    @Test
    void oneWorkerKeepingItsAdamMomentsTrainsAndCheckpointsLikeOneJvm() {
        SparkEquivalenceChecks.oneWorkersLocalMomentsTrainAndCheckpointLikeOneJvm(sc, readers(),
                tmp.resolve("ck-state-1"));
    }

    @Test
    void twoWorkersKeepingTheirAdamMomentsShipOnlyParametersUntilACheckpointRound() {
        int workers = 2;
        int batchPerWorker = 2;
        TrainerConfig config = twoWorkerAdamW(6, 0.01);
        ComputationGraph averaged = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        ComputationGraph local = averaged.clone();
        INDArray initialState = averaged.getUpdater().getStateViewArray().dup();
        SparkStepper[] steppers = new SparkStepper[2];
        ComputationGraph[] graphs = {averaged, local};
        TokenBlockReader[] readers = new TokenBlockReader[2];
        for (int i = 0; i < 2; i++) {
            SparkOptions options = new SparkOptions(workers, batchPerWorker, 1, 0, "NONE",
                    i == 0 ? SparkOptions.OptimizerState.AVERAGED : SparkOptions.OptimizerState.LOCAL);
            steppers[i] = stepper(graphs[i], options);
            readers[i] = readers().apply(Cursor.START);
        }
        // One run after the other, as a job trains them: the local run's workers get the averaged run's networks,
        // whose moments they must not pick up.
        INDArray[][] params = new INDArray[2][3];
        for (int i = 0; i < 2; i++) {
            for (int round = 0; round < 3; round++) {
                steppers[i].fit(readers[i].nextBatch(steppers[i].sequencesPerCall()), false);
                params[i][round] = steppers[i].graph().params().dup();
            }
        }
        double[] differences = new double[3];
        for (int round = 0; round < 3; round++) {
            differences[round] = params[0][round].sub(params[1][round]).amaxNumber().doubleValue();
        }
        // Both start from the same moments, so they agree after one round; after that each local worker steps with
        // its own moments instead of the average.
        assertTrue(differences[0] < 1e-6, "first round differs by " + differences[0]);
        assertTrue(differences[2] > 1e-5, "local moments made no difference: " + differences[2]);
        assertTrue(steppers[1].graph().getUpdater().getStateViewArray().equalsWithEps(initialState, 0),
                "rounds without a checkpoint must leave the driver's moments alone");

        steppers[1].fit(readers[1].nextBatch(steppers[1].sequencesPerCall()), true);
        INDArray averagedOntoDriver = steppers[1].graph().getUpdater().getStateViewArray();
        assertFalse(averagedOntoDriver.equalsWithEps(initialState, 1e-12), "a checkpoint round brings moments back");
        assertEquals(4, steppers[1].graph().getConfiguration().getIterationCount());
    }

    @Test
    void aWorkerThatLostItsNetworkGoesOnFromTheLastCheckpointRoundsMoments() {
        // A lost executor takes its kept network, and with local state its moments, with it. The worker that takes
        // over builds a network from the round's parameters and the moments the driver last averaged: after a
        // checkpoint round (one worker: exactly the lost moments), nothing is lost; before one, Adam restarts.
        TrainerConfig config = twoWorkerAdamW(4, 0.01);
        ComputationGraph initial = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        INDArray kept = trainOneLocalWorker(initial.clone(), -1);
        INDArray lostAfterCheckpoint = trainOneLocalWorker(initial.clone(), 2);
        INDArray lostBeforeCheckpoint = trainOneLocalWorker(initial.clone(), 1);
        double afterCheckpoint = kept.sub(lostAfterCheckpoint).amaxNumber().doubleValue();
        double beforeCheckpoint = kept.sub(lostBeforeCheckpoint).amaxNumber().doubleValue();
        assertTrue(afterCheckpoint < 1e-6, "lost after the checkpoint round: parameters differ by " + afterCheckpoint);
        assertTrue(beforeCheckpoint > 1e-4, "lost before it, Adam restarts: parameters differ by only "
                + beforeCheckpoint);
    }

    /**
     * Four rounds of one step by one worker keeping its moments, the second ending at a checkpoint; the executor's
     * kept networks are forgotten after round {@code loseAfter} (-1: never). Returns the final parameters.
     */
    private static INDArray trainOneLocalWorker(ComputationGraph graph, int loseAfter) {
        SparkOptions options = new SparkOptions(1, 2 * 2, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        SparkStepper stepper = stepper(graph, options);
        TokenBlockReader reader = readers().apply(Cursor.START);
        for (int round = 1; round <= 4; round++) {
            assertTrue(Double.isFinite(stepper.fit(reader.nextBatch(stepper.sequencesPerCall()), round == 2)));
            if (round == loseAfter) {
                WorkerNetworks.clear();
            }
        }
        return stepper.graph().params().dup();
    }

    @Test
    void aRoundWhoseWorkersLostTheirMomentsIsNamedOnTheConsole() {
        // Two workers keep their moments; after step 2 (a checkpoint round, which averages them onto the driver) the
        // executor forgets its networks, as a replacement executor would start. Step 3 trains from the driver's
        // moments: both partitions say so, once, with the step those moments are from; other rounds say nothing.
        TrainerConfig config = new TrainerConfig(0.01, 0, 0.001, 4, 2 * 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 1.0, 0, 0,
                2, 9L, 16, 1);
        ComputationGraph graph = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        SparkOptions options = new SparkOptions(2, 0, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        Rows forgetAfterStep2 = new Rows() {
            @Override
            public void write(MetricsRow row) {
                super.write(row);
                if (row.step() == 2) {
                    WorkerNetworks.clear();
                }
            }
        };
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new SparkTrainer(sc, config, options, TinyLm.info(graph.numParams()), readers(), List.of(),
                new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), forgetAfterStep2,
                new CheckpointStore(tmp.resolve("moments-notice").toString(), new Configuration(), 5),
                new PrintStream(console, true, StandardCharsets.UTF_8)).train(graph, "spark", 4);

        BlockManagerId here = SparkEnv.get().blockManager().blockManagerId();
        String executor = "executor_" + here.host() + "_" + here.executorId();
        List<String> notices = console.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("not its own")).toList();
        assertEquals(List.of(0, 1).stream().map(p -> "step 3: partition " + p + " trained on " + executor
                + " from the Adam moments last averaged on the driver (step 2), not its own: their executor was "
                + "lost, or busy and Spark ran the partition elsewhere").toList(), notices);
    }

    @Test
    void aRoundTrainedAgainFromMomentsALostAttemptAdvancedSaysSo() {
        // Spark trains a task again when the driver loses its result while the executor lives (a failed fetch): the
        // kept network comes back with moments the lost attempt already advanced. Replaying a round (the driver's
        // step count set back to its start) hands both workers that situation.
        ComputationGraph graph = OptimizerSetup.adamW(twoWorkerAdamW(8, 0.001)).newGraph(TinyLm.configuration());
        SparkOptions options = new SparkOptions(2, 2, 2, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        SparkStepper stepper = stepper(graph, options);
        TokenBlockReader reader = readers().apply(Cursor.START);
        stepper.fit(reader.nextBatch(stepper.sequencesPerCall()));
        TokenBatch second = reader.nextBatch(stepper.sequencesPerCall());
        stepper.fit(second);
        assertEquals(List.of(), stepper.notices(), "each worker went on from its own moments");

        stepper.graph().getConfiguration().setIterationCount(2);
        stepper.fit(second);
        BlockManagerId here = SparkEnv.get().blockManager().blockManagerId();
        String executor = "executor_" + here.host() + "_" + here.executorId();
        assertEquals(List.of(0, 1).stream().map(p -> "partition " + p + " trained on " + executor + " from its own "
                + "Adam moments, which an earlier attempt of this round had already advanced 2 steps: the driver did "
                + "not get that attempt's result and Spark ran it again").toList(), stepper.notices());
    }

    @Test
    void aRoundThatNeverEndsIsCancelledAtItsTimeoutAndTheContextGoesOn() {
        // A job whose tasks wait until Spark kills them stands for a round that would never end on its own.
        long started = System.nanoTime();
        RoundWatchdog.RoundTimeoutException e;
        try (RoundWatchdog watchdog = new RoundWatchdog(sc, Duration.ofMillis(300))) {
            e = assertThrows(RoundWatchdog.RoundTimeoutException.class, () -> watchdog.run("the stuck round",
                    () -> sc.parallelize(List.of(1, 2), 2).map(SparkTrainerTest::untilKilled).collect()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 30, "cancelled after " + seconds + " s");
        assertTrue(e.getMessage().startsWith(
                "the stuck round did not finish within 0.3s (trainer.spark.round_timeout)"), e.getMessage());
        assertTrue(e.getMessage().contains("resume from the newest checkpoint"), e.getMessage());
        waitForNoRunningTasks();
        assertNull(sc.getLocalProperty(RoundWatchdog.JOB_GROUP), "the round's job group is cleared");
        assertEquals(List.of(2, 4), sc.parallelize(List.of(1, 2), 2).map(x -> 2 * x).collect());
    }

    @Test
    void aRoundThatFinishesInTimeKeepsTheCallersJobGroupAndItsResult() {
        sc.setJobGroup("callers-group", "a caller's jobs", false);
        try (RoundWatchdog watchdog = new RoundWatchdog(sc, Duration.ofMinutes(1))) {
            assertEquals(List.of(3), watchdog.run("a short round", () -> sc.parallelize(List.of(3), 1).collect()));
            assertEquals("callers-group", sc.getLocalProperty(RoundWatchdog.JOB_GROUP));
        } finally {
            sc.clearJobGroup();
        }
    }

    @Test
    void aRunStoppedByTheRoundTimeoutResumesFromItsCheckpoint() {
        // Two steps with checkpoints, then a resume whose rounds cannot finish in 1 ms: the run stops at its third
        // round naming it, its checkpoint stays at step 2, and a resume with the default timeout trains to step 4.
        TrainerConfig config = new TrainerConfig(0.01, 0, 0.001, 4, 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 1.0, 0, 0,
                1, 9L, 16, 1);
        ComputationGraph graph = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        SparkOptions options = new SparkOptions(2, 0, 1, 0, "NONE");
        CheckpointStore checkpoints = new CheckpointStore(tmp.resolve("round-timeout").toString(), new Configuration(),
                2);
        Function<SparkOptions, SparkTrainer> trainer = o -> new SparkTrainer(sc, config, o,
                TinyLm.info(graph.numParams()), readers(), List.of(), new BatchEncoder(LabelLayout.INDICES,
                TinyLm.VOCAB), new Rows(), checkpoints, new PrintStream(new ByteArrayOutputStream()));
        trainer.apply(options).train(graph, "spark", 2);

        RoundWatchdog.RoundTimeoutException e = assertThrows(RoundWatchdog.RoundTimeoutException.class,
                () -> trainer.apply(options.withRoundTimeout(Duration.ofMillis(1))).resume(4));
        assertTrue(e.getMessage().startsWith("the averaging round of steps 3-3 did not finish within 0.001s"),
                e.getMessage());
        waitForNoRunningTasks();
        assertEquals(2, checkpoints.latest().orElseThrow().step());

        assertEquals(4, trainer.apply(options).resume(4).step());
    }

    /** Stands for a task that hangs: it returns once Spark has killed it (or after a minute, so no test hangs). */
    private static int untilKilled(int x) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!org.apache.spark.TaskContext.get().isInterrupted() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return x;
    }

    /** A cancelled job fails at once; its killed tasks finish after. Later tests want the cores free. */
    private static void waitForNoRunningTasks() {
        assertTrue(RoundWatchdog.awaitNoRunningTasks(sc, 60_000), "tasks still running a minute after their job was "
                + "cancelled");
    }

    @Test
    void localAdamMomentsNeedWorkersThatKeepTheirNetworks() {
        SparkOptions options = new SparkOptions(2, 2, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingMasters.parameterAveraging(options, 2, 9L, false));
        assertTrue(e.getMessage().contains("keep their networks"), e.getMessage());
    }

    @Test
    void stepsThatDoNotSplitEvenlyOverWorkersAreRejected() {
        TrainerConfig config = new TrainerConfig(0.1, 0, 0.1, 4, 3 * TinyLm.T, 0, 0.9, 0.95, 1e-8, 0, 0, 0, 0,
                9L, 16, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(sc, config,
                new SparkOptions(2, 0, 1, 0, "NONE"), TinyLm.info(10), readers(), List.of(),
                new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), new Rows(), null, null));
        assertTrue(e.getMessage().contains("workers"), e.getMessage());
    }

    @Test
    void eachRoundsModelBroadcastIsGoneOnceTheRoundIsAveraged() throws InterruptedException {
        // Left to Spark's context cleaner, every round's parameters and Adam state stayed in the driver's heap until
        // some GC noticed the dropped broadcast; at d=384 that is 166 MB a round.
        ComputationGraph graph = OptimizerSetup.adamW(twoWorkerAdamW(4, 0.001)).newGraph(TinyLm.configuration());
        SparkStepper stepper = stepper(graph, new SparkOptions(2, 2, 1, 0, "NONE"));
        TokenBlockReader reader = readers().apply(Cursor.START);
        Set<BlockId> before = modelBroadcastsOnTheDriver();
        for (int round = 0; round < 2; round++) {
            double loss = stepper.fit(reader.nextBatch(stepper.sequencesPerCall()));
            assertTrue(Double.isFinite(loss), "round " + round + " loss " + loss);
            assertEquals(0, modelBroadcastsLeftOnTheDriver(before), "model broadcasts left after round " + round);
        }
    }

    @Test
    void aRunWithLocalMomentsLeavesNoModelOrMomentsBroadcastBehind() throws InterruptedException {
        // The driver's moments for workers that build a network are broadcast on the first round and, until a
        // checkpoint round averages new ones, kept; a run without checkpoints never replaces them.
        TrainerConfig config = twoWorkerAdamW(2, 0.001);
        ComputationGraph graph = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        SparkOptions options = new SparkOptions(2, 0, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        Set<BlockId> before = modelBroadcastsOnTheDriver();
        new SparkTrainer(sc, config, options, TinyLm.info(graph.numParams()), readers(), List.of(),
                new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), new Rows(), null, null)
                .train(graph, "spark", 2);
        assertEquals(2, graph.getConfiguration().getIterationCount());
        assertEquals(0, modelBroadcastsLeftOnTheDriver(before), "broadcasts left after the run");
    }

    @Test
    void afterARoundEachPartitionPrefersTheExecutorThatTrainedIt() {
        // Spark shuffles its resource offers, so without a preference two executor JVMs trade partitions at random
        // and a worker's local moments follow chance instead of one slice of the data.
        ComputationGraph graph = OptimizerSetup.adamW(twoWorkerAdamW(4, 0.001)).newGraph(TinyLm.configuration());
        SparkOptions options = new SparkOptions(2, 2, 2, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        NetworkReusingTrainingMaster master = TrainingMasters.parameterAveraging(options, 2, 9L);
        SparkStepper stepper = stepper(graph, options, master);
        List<Integer> minibatches = List.of(10, 11, 12, 13);
        assertNull(master.lastPlacement(2), "no round yet");
        assertEquals(List.of(List.of(), List.of()), preferredLocations(stepper.distribute(minibatches)),
                "no preference before the first round");

        stepper.fit(readers().apply(Cursor.START).nextBatch(stepper.sequencesPerCall()));
        BlockManagerId here = SparkEnv.get().blockManager().blockManagerId();
        String executor = "executor_" + here.host() + "_" + here.executorId();
        JavaRDD<Integer> placed = stepper.distribute(minibatches);
        assertEquals(List.of(List.of(executor), List.of(executor)), preferredLocations(placed));
        assertEquals(List.of(List.of(10, 11), List.of(12, 13)), placed.glom().collect(),
                "each worker's slice as without a preference");
        assertNull(master.lastPlacement(3), "a partition that has not trained has no place");
    }

    @Test
    void eachRoundIsASingleSparkJob() throws TimeoutException {
        // DL4J counts a round's data and then each partition's share before it trains: two more jobs a round, each
        // shipping the round's data to every executor and deserializing it there.
        ComputationGraph graph = OptimizerSetup.adamW(twoWorkerAdamW(4, 0.001)).newGraph(TinyLm.configuration());
        SparkStepper stepper = stepper(graph, new SparkOptions(2, 2, 2, 0, "NONE"));
        TokenBlockReader reader = readers().apply(Cursor.START);
        GroupEvents rounds = eventsOf("two averaging rounds", () -> {
            for (int round = 0; round < 2; round++) {
                assertTrue(Double.isFinite(stepper.fit(reader.nextBatch(stepper.sequencesPerCall()))));
            }
        });
        assertEquals(2, rounds.jobs().size(), "Spark jobs in two rounds: " + rounds.jobs());
    }

    @Test
    void aRoundsResultsAreTheParametersAndMomentsWithinTheDriverBudget() throws TimeoutException {
        // What spark.driver.maxResultSize is checked against: the serialized size of each task's result.
        ComputationGraph graph = OptimizerSetup.adamW(twoWorkerAdamW(4, 0.001)).newGraph(TinyLm.configuration());
        long params = graph.numParams();
        DriverResultBudget budget = new DriverResultBudget(params, 2);
        for (SparkOptions.OptimizerState state : SparkOptions.OptimizerState.values()) {
            SparkStepper stepper = stepper(graph, new SparkOptions(2, 2, 1, 0, "NONE", state));
            TokenBlockReader reader = readers().apply(Cursor.START);
            List<Long> sizes = eventsOf("one averaging round", () -> assertTrue(Double.isFinite(
                    stepper.fit(reader.nextBatch(stepper.sequencesPerCall()))))).tasks().stream()
                    .map(end -> end.taskMetrics().resultSize()).toList();
            assertEquals(budget.resultsAtDriver(), sizes.size(), state + ": " + sizes);
            for (long size : sizes) {
                long arrays = state == SparkOptions.OptimizerState.AVERAGED ? 3 : 1; // local: parameters only
                assertTrue(size > arrays * params * Float.BYTES, state + ": " + size + " bytes for " + params);
                // About 1.3 KB travel with the arrays (Kryo's headers, the score, Spark's accumulator updates).
                assertTrue(size <= arrays * params * Float.BYTES + 4096, state + ": " + size + " bytes for " + params);
                assertTrue(size <= budget.bytesPerResult());
            }
        }
    }

    @Test
    void theDriverBudgetCountsTheResultsSparksTreeAggregateSendsIt() throws TimeoutException {
        // DL4J merges a round's results with treeAggregate at depth 2; the results of its last stage reach the driver.
        for (int workers : new int[] {1, 2, 5, 6, 16, 30}) {
            List<Integer> ones = new ArrayList<>(java.util.Collections.nCopies(workers, 1));
            GroupEvents merge = eventsOf("treeAggregate over " + workers + " partitions", () -> assertEquals(workers,
                    sc.parallelize(ones, workers).treeAggregate(0, Integer::sum, Integer::sum,
                            DriverResultBudget.AGGREGATION_DEPTH)));
            assertEquals(1, merge.jobs().size());
            int lastStageTasks = JavaConverters.seqAsJavaList(merge.jobs().get(0).stageInfos()).stream()
                    .max(java.util.Comparator.comparingInt(StageInfo::stageId)).orElseThrow().numTasks();
            assertEquals(new DriverResultBudget(1000, workers).resultsAtDriver(), lastStageTasks, workers + " workers");
        }
    }

    /** The Spark jobs an action started and the tasks they ran. */
    private record GroupEvents(List<SparkListenerJobStart> jobs, List<SparkListenerTaskEnd> tasks) {
    }

    /** Runs {@code action} in a job group of its own and returns the events of that group's jobs. */
    private static GroupEvents eventsOf(String description, Runnable action) throws TimeoutException {
        String group = "events-" + System.nanoTime();
        List<SparkListenerJobStart> jobs = new CopyOnWriteArrayList<>();
        List<SparkListenerTaskEnd> tasks = new CopyOnWriteArrayList<>();
        Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if (group.equals(start.properties().getProperty("spark.jobGroup.id"))) {
                    jobs.add(start);
                    JavaConverters.seqAsJavaList(start.stageIds()).forEach(id -> stages.add((Integer) id));
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (stages.contains(end.stageId())) {
                    tasks.add(end);
                }
            }
        };
        sc.sc().addSparkListener(listener);
        try {
            sc.setJobGroup(group, description, false);
            action.run();
            sc.clearJobGroup();
            sc.sc().listenerBus().waitUntilEmpty();
            return new GroupEvents(new ArrayList<>(jobs), new ArrayList<>(tasks));
        } finally {
            sc.clearJobGroup();
            sc.sc().removeSparkListener(listener);
        }
    }

    /** Where Spark's scheduler would like to run each partition of {@code rdd}: executors, never mere hosts. */
    private static List<List<String>> preferredLocations(JavaRDD<?> rdd) {
        List<List<String>> out = new ArrayList<>();
        for (int p = 0; p < rdd.getNumPartitions(); p++) {
            List<String> locations = new ArrayList<>();
            for (TaskLocation location : JavaConverters.seqAsJavaList(sc.sc().getPreferredLocs(rdd.rdd(), p))) {
                assertInstanceOf(ExecutorCacheTaskLocation.class, location, location + " is not an executor");
                locations.add(location.toString());
            }
            out.add(locations);
        }
        return out;
    }

    /** AdamW at lr 0.01 without warmup, steps of two workers x two sequences, clipping at 1. */
    static TrainerConfig twoWorkerAdamW(int steps, double minLr) {
        return new TrainerConfig(0.01, 0, minLr, steps, 2 * 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 1.0, 0, 0, 0, 9L, 16,
                1);
    }

    /** A parameter-averaging stepper over {@code graph}, kotoba's kept-network workers, seed 9. */
    private static SparkStepper stepper(ComputationGraph graph, SparkOptions options) {
        return stepper(graph, options, TrainingMasters.parameterAveraging(options, options.batchPerWorker(), 9L));
    }

    private static SparkStepper stepper(ComputationGraph graph, SparkOptions options,
                                        NetworkReusingTrainingMaster master) {
        SparkComputationGraph net = new SparkComputationGraph(sc, graph, master);
        return new SparkStepper(sc, net, new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), options.workers(),
                options.batchPerWorker(), options.averagingFrequency());
    }

    /**
     * The model broadcasts on the driver that are not in {@code before}, once Spark has had up to 5 s to remove them:
     * destroying a broadcast only sends the block managers, the driver's included, a message (the test once saw one
     * still there). Other tests' masters may leave theirs; only this test's count.
     */
    private static int modelBroadcastsLeftOnTheDriver(Set<BlockId> before) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<BlockId> found = modelBroadcastsOnTheDriver();
        found.removeAll(before);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = modelBroadcastsOnTheDriver();
            found.removeAll(before);
        }
        return found.size();
    }

    /**
     * Broadcasts in the driver's block manager whose value is a network's parameters and updater state, or the
     * driver's Adam moments for new workers.
     */
    private static Set<BlockId> modelBroadcastsOnTheDriver() {
        BlockManager blocks = SparkEnv.get().blockManager();
        List<BlockId> ids = JavaConverters.seqAsJavaList(blocks.getMatchingBlockIds(
                new AbstractFunction1<BlockId, Object>() {
                    @Override
                    public Object apply(BlockId id) {
                        return id instanceof BroadcastBlockId && ((BroadcastBlockId) id).field().isEmpty();
                    }
                }));
        Set<BlockId> found = new HashSet<>();
        for (BlockId id : ids) {
            Option<BlockResult> value = blocks.getLocalValues(id);
            if (value.isDefined()) {
                scala.collection.Iterator<Object> it = value.get().data();
                while (it.hasNext()) {
                    Object v = it.next();
                    if (v instanceof NetBroadcastTuple || v instanceof ArrayBroadcast) {
                        found.add(id);
                    }
                }
            }
        }
        return found;
    }
}
