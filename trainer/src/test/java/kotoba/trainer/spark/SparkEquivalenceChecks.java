package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

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
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * What Spark training must equal whatever the master: the suite checks it on {@code local[2]} task threads
 * ({@link SparkTrainerTest}) and on executor processes ({@link SparkTrainerOnExecutorProcessesTest}).
 */
final class SparkEquivalenceChecks {

    private SparkEquivalenceChecks() {
    }

    /**
     * Two workers x 2 sequences, averaged after each SGD step: the average of two SGD steps from the same weights is
     * one SGD step on the mean of their gradients, i.e. on the 4-sequence batch that one JVM trains on.
     */
    static void sgdAveragedEveryStepEqualsOneJvmOnTheCombinedBatch(JavaSparkContext sc,
                                                                  Function<Cursor, TokenBlockReader> readers) {
        int steps = 2;
        TrainerConfig config = new TrainerConfig(0.5, 0, 0.5, steps, 4 * TinyLm.T, 0, 0.9, 0.95, 1e-8, 0, 0, 0, 0,
                9L, 16, 1);
        OptimizerSetup sgd = new OptimizerSetup(new Sgd(0.5), 0, 0);
        ComputationGraph local = sgd.newGraph(TinyLm.configuration());
        ComputationGraph distributed = local.clone();
        INDArray initial = local.params().dup();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);

        SparkTrainerTest.Rows localRows = new SparkTrainerTest.Rows();
        new LocalTrainer(config, TinyLm.info(local.numParams()), readers, List.of(), encoder, localRows, null, null)
                .train(local, "local", steps);
        SparkTrainerTest.Rows sparkRows = new SparkTrainerTest.Rows();
        new SparkTrainer(sc, config, new SparkOptions(2, 0, 1, 0, "MEMORY_ONLY_SER"),
                TinyLm.info(distributed.numParams()), readers, List.of(), encoder, sparkRows, null, null)
                .train(distributed, "spark", steps);

        assertFalse(local.params().equalsWithEps(initial, 1e-3), "training should move the parameters");
        double maxAbs = local.params().sub(distributed.params()).amaxNumber().doubleValue();
        assertTrue(maxAbs < 1e-5, "Spark and single-JVM parameters differ by up to " + maxAbs);
        assertEquals(steps, sparkRows.rows.size());
        assertEquals(localRows.rows.get(steps - 1).tokensSeen(), sparkRows.rows.get(steps - 1).tokensSeen());
        assertEquals(0.5, sparkRows.rows.get(0).lr(), 0);
    }

    /**
     * AdamW with warmup and decay, two workers, three rounds of two steps: kotoba's workers, which keep their network,
     * must pick up the averaged parameters, the averaged Adam moments and the iteration count (the learning-rate
     * schedule) at the start of every round, and so train exactly like DL4J's, which rebuild it.
     */
    static void keptNetworksTrainExactlyLikeRebuiltOnes(JavaSparkContext sc,
                                                       Function<Cursor, TokenBlockReader> readers) {
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
            TokenBlockReader reader = readers.apply(Cursor.START);
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

    /**
     * One worker keeping its AdamW moments (local optimizer state) is single-JVM AdamW. The moments stay with the
     * worker between rounds, so the mid-run checkpoint holds the right ones only if its round brought them back to
     * the driver; with several executors, only if every round ran where the one before it did.
     */
    static void oneWorkersLocalMomentsTrainAndCheckpointLikeOneJvm(JavaSparkContext sc,
                                                                  Function<Cursor, TokenBlockReader> readers,
                                                                  Path checkpoints) {
        int steps = 4;
        TrainerConfig config = new TrainerConfig(0.05, 2, 0.005, steps, 2 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 0, 0, 0,
                2, 9L, 16, 1);
        ComputationGraph local = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        ComputationGraph distributed = local.clone();
        INDArray initialState = local.getUpdater().getStateViewArray().dup();
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);
        Configuration conf = new Configuration();
        CheckpointStore localCheckpoints = new CheckpointStore(checkpoints.resolve("local").toString(), conf, 5);
        CheckpointStore sparkCheckpoints = new CheckpointStore(checkpoints.resolve("spark").toString(), conf, 5);
        new LocalTrainer(config, TinyLm.info(local.numParams()), readers, List.of(), encoder,
                new SparkTrainerTest.Rows(), localCheckpoints, null).train(local, "local", steps);
        SparkOptions options = new SparkOptions(1, 0, 1, 0, "NONE", SparkOptions.OptimizerState.LOCAL);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new SparkTrainer(sc, config, options, TinyLm.info(distributed.numParams()), readers, List.of(), encoder,
                new SparkTrainerTest.Rows(), sparkCheckpoints, new PrintStream(console, true, StandardCharsets.UTF_8))
                .train(distributed, "spark", steps);

        List<String> moved = console.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("not its own")).toList();
        assertEquals(List.of(), moved, "every round after the first should go on from the worker's own moments");

        for (long step : new long[] {2, steps}) {
            ComputationGraph expected = localCheckpoints.loadGraph(step);
            ComputationGraph actual = sparkCheckpoints.loadGraph(step);
            INDArray expectedState = expected.getUpdater().getStateViewArray();
            assertFalse(expectedState.equalsWithEps(initialState, 1e-12), "AdamW should have moments at " + step);
            double params = expected.params().sub(actual.params()).amaxNumber().doubleValue();
            double state = expectedState.sub(actual.getUpdater().getStateViewArray()).amaxNumber().doubleValue();
            assertTrue(params < 1e-5, "step " + step + ": parameters differ by up to " + params);
            assertTrue(state < 1e-6, "step " + step + ": Adam moments differ by up to " + state);
        }
    }
}
