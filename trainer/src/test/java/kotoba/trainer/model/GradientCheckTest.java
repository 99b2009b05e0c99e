package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Central finite differences in double precision against DL4J's backprop, on a sample of entries of every
 * parameter array. (DL4J's GradientCheckUtil reports its findings only through a logger that is silent here.)
 */
class GradientCheckTest {

    private static final double EPS = 1e-5;
    private static final double MAX_REL_ERROR = 1e-4;
    private static final double MIN_ABS_ERROR = 1e-8;
    private static final int ENTRIES_PER_PARAM = 6;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void backToFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void backpropMatchesFiniteDifferences() {
        ComputationGraph graph = GptModel.build(TinyGpt.config(), new NoOp(), DataType.DOUBLE);
        // Repeated ids (7, 3) check that the embedding gradient of a repeated token accumulates.
        INDArray x = TinyGpt.ids(DataType.DOUBLE, new int[][] {{7, 3, 7, 12, 3, 7, 0, 29}, {1, 2, 3, 4, 5, 6, 7, 8}});
        INDArray y = TinyGpt.ids(DataType.DOUBLE, new int[][] {{3, 7, 12, 3, 7, 0, 29, 7}, {2, 3, 4, 5, 6, 7, 8, 9}});
        DataSet batch = new DataSet(x, y);
        int batchSize = 2;

        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        // DL4J's gradient is that of the summed example losses; the score is their mean.
        INDArray analytic = graph.gradient().gradient().dup();

        List<String> failures = new ArrayList<>();
        int checked = 0;
        INDArray flat = graph.params();
        Random random = new Random(7);
        long offset = 0;
        for (Layer layer : graph.getLayers()) {
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                long n = param.getValue().length();
                long[] entries = sample(n, random);
                if (layer.conf().getLayer().getLayerName().equals(GptModel.TOKEN_EMBEDDING)) {
                    // Rows of the repeated ids 7 and 3; random entries mostly hit unused rows (zero gradient).
                    int d = TinyGpt.D;
                    entries = new long[] {7L * d, 7L * d + 5, 7L * d + 15, 3L * d + 1, 3L * d + 9, 12L * d + 2};
                }
                for (long idx : entries) {
                    long i = offset + idx;
                    double original = flat.getDouble(i);
                    flat.putScalar(i, original + EPS);
                    double plus = graph.score(batch, false) * batchSize;
                    flat.putScalar(i, original - EPS);
                    double minus = graph.score(batch, false) * batchSize;
                    flat.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * EPS);
                    double a = analytic.getDouble(i);
                    double absError = Math.abs(a - numeric);
                    double relError = absError / Math.max(Math.abs(a), Math.abs(numeric));
                    if (absError > MIN_ABS_ERROR && relError > MAX_REL_ERROR) {
                        failures.add(layer.conf().getLayer().getLayerName() + "." + param.getKey() + "[" + idx
                                + "]: backprop " + a + " vs numeric " + numeric);
                    }
                    checked++;
                }
                offset += n;
            }
        }
        assertTrue(offset == flat.length(), "walked " + offset + " of " + flat.length() + " parameters");
        assertTrue(checked > 100, "checked only " + checked + " entries");
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " entries disagree:\n"
                + String.join("\n", failures));
    }

    private static long[] sample(long n, Random random) {
        int k = (int) Math.min(n, ENTRIES_PER_PARAM);
        long[] out = new long[k];
        for (int j = 0; j < k; j++) {
            out[j] = n <= ENTRIES_PER_PARAM ? j : (long) (random.nextDouble() * n);
        }
        return out;
    }
}
