package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

class CausalMaskTest {

    @BeforeAll
    static void floatPrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void changingTokenAtPLeavesEarlierLogitsAndChangesLaterOnes() {
        ComputationGraph graph = GptModel.build(TinyGpt.config(), new Adam(1e-3));
        int[] base = {3, 14, 15, 9, 26, 5, 3, 5};
        INDArray before = graph.outputSingle(TinyGpt.ids(DataType.FLOAT, new int[][] {base}));
        assertArrayEquals(new long[] {1, TinyGpt.T, TinyGpt.VOCAB}, before.shape());

        for (int p = 0; p < TinyGpt.T; p++) {
            int[] changed = base.clone();
            changed[p] = (base[p] + 11) % TinyGpt.VOCAB;
            INDArray after = graph.outputSingle(TinyGpt.ids(DataType.FLOAT, new int[][] {changed}));
            for (int pos = 0; pos < TinyGpt.T; pos++) {
                double diff = maxAbsDiff(before, after, pos);
                if (pos < p) {
                    assertEquals(0.0, diff, 1e-6, "logits at " + pos + " moved when token " + p + " changed");
                } else {
                    assertTrue(diff > 1e-5, "logits at " + pos + " ignored token " + p + " (diff " + diff + ")");
                }
            }
        }
    }

    private static double maxAbsDiff(INDArray a, INDArray b, int pos) {
        INDArray x = a.get(NDArrayIndex.point(0), NDArrayIndex.point(pos), NDArrayIndex.all());
        INDArray y = b.get(NDArrayIndex.point(0), NDArrayIndex.point(pos), NDArrayIndex.all());
        return x.sub(y).amaxNumber().doubleValue();
    }
}
