package kotoba.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/** The Java Adam step trains as DL4J's Adam does, and its configuration survives the JSON that Spark ships. */
class FusedAdamTest {

    // Not a multiple of the kernel's block, so that the last block is a partial one.
    private static final int N = 10_003;

    @AfterEach
    void backToFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void stepsMatchNd4jsAdamOpInFloat() {
        Adam adam = new Adam(3e-4, 0.9, 0.95, 1e-8);
        Run op = new Run(adam, DataType.FLOAT);
        Run fused = new Run(FusedAdam.of(adam), DataType.FLOAT);
        assertInstanceOf(FusedAdam.Updater.class, fused.updater);
        for (int iteration = 0; iteration < 5; iteration++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, N).muli(iteration == 3 ? 1e-4 : 1);
            INDArray expected = op.step(g, iteration);
            INDArray actual = fused.step(g, iteration);
            assertClose(expected, actual, "update at iteration " + iteration);
            assertClose(op.state, fused.state, "m and v at iteration " + iteration);
        }
    }

    @Test
    void doubleParametersRunNd4jsOpUnchanged() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8);
        Run op = new Run(adam, DataType.DOUBLE);
        Run fused = new Run(FusedAdam.of(adam), DataType.DOUBLE);
        for (int iteration = 0; iteration < 3; iteration++) {
            INDArray g = Nd4j.randn(DataType.DOUBLE, 1, N);
            assertEquals(op.step(g, iteration), fused.step(g, iteration));
        }
        assertEquals(op.state, fused.state);
    }

    @Test
    void configurationSurvivesJsonWithItsScheduleAndClones() throws Exception {
        TrainerConfig c = TrainerConfig.defaults(1000, 4096);
        IUpdater updater = OptimizerSetup.adamW(c).updater();
        assertInstanceOf(FusedAdam.class, updater);
        String json = NeuralNetConfiguration.mapper().writeValueAsString(updater);
        IUpdater back = NeuralNetConfiguration.mapper().readValue(json, IUpdater.class);
        assertInstanceOf(FusedAdam.class, back);
        assertEquals(updater, back);
        assertEquals(updater.getLearningRate(500, 0), back.getLearningRate(500, 0), 0.0);
        IUpdater copy = updater.clone();
        assertInstanceOf(FusedAdam.class, copy);
        assertEquals(updater, copy);
    }

    /** One updater with its own state view, as DL4J gives each block of parameters. */
    private static final class Run {
        final INDArray state;
        final GradientUpdater<?> updater;

        Run(IUpdater config, DataType type) {
            state = Nd4j.zeros(type, 1, config.stateSize(N));
            updater = config.instantiate(state, true);
        }

        INDArray step(INDArray gradient, int iteration) {
            INDArray g = gradient.dup();
            updater.applyUpdater(g, iteration, 0);
            return g;
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(scale > 0, what + " is all zeros");
        assertTrue(diff <= 1e-6 * scale, what + " differs by " + diff + " of " + scale);
    }
}
