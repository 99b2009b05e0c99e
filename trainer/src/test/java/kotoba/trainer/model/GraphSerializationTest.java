package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** What Spark training and checkpoints rely on: the custom layers survive JSON and model files; dropout modes. */
class GraphSerializationTest {

    private static final int[][] TOKENS = {{3, 14, 15, 9, 26, 5, 3, 5}};

    @BeforeAll
    static void floatPrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = GptModel.configuration(TinyGpt.config(), new Adam(1e-3), DataType.FLOAT);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf.toJson(), back.toJson());
        ComputationGraph original = new ComputationGraph(conf);
        original.init();
        ComputationGraph rebuilt = new ComputationGraph(back);
        rebuilt.init(original.params().dup(), false);
        INDArray x = TinyGpt.ids(DataType.FLOAT, TOKENS);
        assertEquals(original.outputSingle(x), rebuilt.outputSingle(x));
    }

    @Test
    void modelFileRestoresTheSameFunction(@TempDir Path dir) throws Exception {
        ComputationGraph graph = GptModel.build(TinyGpt.config(), new Adam(1e-3));
        File file = dir.resolve("gpt.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        INDArray x = TinyGpt.ids(DataType.FLOAT, TOKENS);
        assertEquals(graph.outputSingle(x), restored.outputSingle(x));
        assertEquals(ParamCount.of(graph), ParamCount.of(restored));
    }

    @Test
    void dropoutActsInTrainingOnly() {
        ComputationGraph graph = GptModel.build(TinyGpt.config().withDropout(0.3), new Adam(1e-3));
        INDArray x = TinyGpt.ids(DataType.FLOAT, TOKENS);
        assertEquals(graph.output(false, x)[0], graph.output(false, x)[0]);
        assertNotEquals(graph.output(true, x)[0], graph.output(true, x)[0]);
        ComputationGraph noDropout = GptModel.build(TinyGpt.config(), new Adam(1e-3));
        assertEquals(noDropout.outputSingle(x), graph.outputSingle(x), "same seed, dropout off at inference");
    }
}
