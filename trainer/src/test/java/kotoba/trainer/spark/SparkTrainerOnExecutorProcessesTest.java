package kotoba.trainer.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.train.CheckpointStore;
import kotoba.trainer.train.LocalTrainer;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TinyLm;
import kotoba.trainer.train.TrainerConfig;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark trainer with its workers in executor processes of their own (Spark's embedded standalone cluster,
 * {@code local-cluster[2,1,1024]}), as on a real cluster: parameters, moments and kept networks cross process
 * boundaries, and what a worker keeps lives in the executor's JVM, not the driver's, where {@code local[N]} tests
 * would see it. Runs in a JVM of its own (the trainer pom's {@code executor-processes} execution): one JVM holds one
 * SparkContext, and the suite's other Spark tests share a {@code local[2]} one.
 */
class SparkTrainerOnExecutorProcessesTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @TempDir
    static Path tmp;
    static String corpus;

    @BeforeAll
    static void start() throws Exception {
        // Spark's standalone worker launches executors as a distribution does, from SPARK_HOME/jars; the pom points
        // SPARK_HOME at an empty directory under target/ and gives executors this JVM's class path instead.
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException("SPARK_HOME and SPARK_SCALA_VERSION must be set for executor processes"
                    + " (the trainer pom's executor-processes execution sets them)");
        }
        Files.createDirectories(Path.of(home, "jars"));
        SparkConf conf = SparkTrainingConf.apply(new SparkConf().setMaster("local-cluster[2,1,1024]")
                .setAppName("trainer-processes-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.memory", "1024m")
                .set("spark.executor.extraClassPath", absoluteTestClassPath())
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s"));
        spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        corpus = SparkTrainerTest.writeCorpusWithSpark(spark, tmp.resolve("docs").toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The tests' class path, every entry absolute: executors start in working directories of their own. */
    private static String absoluteTestClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Function<Cursor, TokenBlockReader> readers() {
        return SparkTrainerTest.readers(corpus);
    }

    @Test
    void twoExecutorProcessesAveragingEveryStepWithPlainSgdMatchOneJvmOnTheCombinedBatch() {
        assertEquals(2, sc.sc().getExecutorMemoryStatus().size() - 1, "executor processes registered");
        int steps = 2;
        TrainerConfig config = new TrainerConfig(0.5, 0, 0.5, steps, 4 * TinyLm.T, 0, 0.9, 0.95, 1e-8, 0, 0, 0, 0,
                9L, 16, 1);
        OptimizerSetup sgd = new OptimizerSetup(new Sgd(0.5), 0, 0);
        ComputationGraph local = sgd.newGraph(TinyLm.configuration());
        ComputationGraph distributed = local.clone();
        INDArray initial = local.params().dup();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);

        new LocalTrainer(config, TinyLm.info(local.numParams()), readers(), List.of(), encoder,
                new SparkTrainerTest.Rows(), null, null).train(local, "local", steps);
        SparkTrainerTest.Rows sparkRows = new SparkTrainerTest.Rows();
        new SparkTrainer(sc, config, new SparkOptions(2, 0, 1, 0, "MEMORY_ONLY_SER"),
                TinyLm.info(distributed.numParams()), readers(), List.of(), encoder, sparkRows, null, null)
                .train(distributed, "spark", steps);

        assertFalse(local.params().equalsWithEps(initial, 1e-3), "training should move the parameters");
        double maxAbs = local.params().sub(distributed.params()).amaxNumber().doubleValue();
        assertTrue(maxAbs < 1e-5, "executor processes and one JVM differ by up to " + maxAbs);
        assertEquals(steps, sparkRows.rows.size());
    }

    @Test
    void networksKeptInExecutorProcessesTrainExactlyLikeNetworksRebuiltEveryRound() {
        // The kept network lives in the executor's JVM: each round it must take the averaged parameters, Adam
        // moments and iteration count that arrive over the network, as DL4J's rebuilding worker does.
        int workers = 2;
        int batchPerWorker = 2;
        int frequency = 2;
        int rounds = 3;
        TrainerConfig config = new TrainerConfig(0.01, 2, 0.001, rounds * frequency,
                workers * batchPerWorker * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 1.0, 0, 0, 0, 9L, 16, 1);
        ComputationGraph kept = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        ComputationGraph[] graphs = {kept, kept.clone()};
        INDArray initial = kept.params().dup();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);
        SparkOptions options = new SparkOptions(workers, batchPerWorker, frequency, 0, "NONE");
        double[] losses = new double[2];
        for (int i = 0; i < 2; i++) {
            SparkComputationGraph net = new SparkComputationGraph(sc, graphs[i],
                    TrainingMasters.parameterAveraging(options, batchPerWorker, 9L, i == 0));
            SparkStepper stepper = new SparkStepper(sc, net, encoder, workers, batchPerWorker, frequency);
            TokenBlockReader reader = readers().apply(Cursor.START);
            for (int r = 0; r < rounds; r++) {
                losses[i] = stepper.fit(reader.nextBatch(stepper.sequencesPerCall()));
            }
            graphs[i] = stepper.graph();
        }

        assertFalse(graphs[0].params().equalsWithEps(initial, 1e-3), "training should move the parameters");
        double maxAbs = graphs[0].params().sub(graphs[1].params()).amaxNumber().doubleValue();
        assertTrue(maxAbs < 1e-6, "kept and rebuilt networks' parameters differ by up to " + maxAbs);
        assertEquals(losses[1], losses[0], 1e-6);
        assertEquals(rounds * frequency, graphs[0].getConfiguration().getIterationCount());
    }

    @Test
    void adamMomentsKeptInAnExecutorProcessTrainAndCheckpointLikeOneJvm() {
        // One worker, two executors: the worker's moments stay in the executor that trained it only if every round
        // lands there again (the partition's preferred location), and reach the driver at checkpoint rounds. Landing
        // on the other executor would restart Adam from the last checkpoint's moments and change the parameters.
        int steps = 4;
        TrainerConfig config = new TrainerConfig(0.05, 2, 0.005, steps, 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 0, 0, 0,
                2, 9L, 16, 1);
        ComputationGraph local = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        ComputationGraph distributed = local.clone();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);
        Configuration conf = new Configuration();
        CheckpointStore localCheckpoints = new CheckpointStore(tmp.resolve("ck-local").toString(), conf, 5);
        CheckpointStore sparkCheckpoints = new CheckpointStore(tmp.resolve("ck-spark").toString(), conf, 5);
        new LocalTrainer(config, TinyLm.info(local.numParams()), readers(), List.of(), encoder,
                new SparkTrainerTest.Rows(), localCheckpoints, null).train(local, "local", steps);
        SparkOptions options = new SparkOptions(1, 0, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        new SparkTrainer(sc, config, options, TinyLm.info(distributed.numParams()), readers(), List.of(), encoder,
                new SparkTrainerTest.Rows(), sparkCheckpoints, null).train(distributed, "spark", steps);

        for (long step : new long[] {2, steps}) {
            ComputationGraph expected = localCheckpoints.loadGraph(step);
            ComputationGraph actual = sparkCheckpoints.loadGraph(step);
            double params = expected.params().sub(actual.params()).amaxNumber().doubleValue();
            double state = expected.getUpdater().getStateViewArray().sub(actual.getUpdater().getStateViewArray())
                    .amaxNumber().doubleValue();
            assertTrue(params < 1e-5, "step " + step + ": parameters differ by up to " + params);
            assertTrue(state < 1e-6, "step " + step + ": Adam moments differ by up to " + state);
        }
    }
}
