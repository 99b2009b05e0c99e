package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** The head's hand-written softmax cross-entropy against a plain double-precision evaluation of its definition. */
class FusedCrossEntropyTest {

    @Test
    void lossIsLogSumExpMinusTargetLogitAndGradientIsSoftmaxMinusOneHot() {
        int n = 5;
        int v = 7;
        Random random = new Random(11);
        double[][] raw = new double[n][v];
        int[] targets = new int[n];
        INDArray logits = Nd4j.create(DataType.DOUBLE, n, v);
        for (int i = 0; i < n; i++) {
            targets[i] = random.nextInt(v);
            for (int j = 0; j < v; j++) {
                raw[i][j] = 3 * random.nextGaussian();
                logits.putScalar(i, j, raw[i][j]);
            }
        }
        double loss = SoftmaxCrossEntropy.sumInPlace(logits, targets, row -> {
            throw new AssertionError("row " + row + " recomputed, though no target probability underflowed");
        });

        double expectedLoss = 0;
        for (int i = 0; i < n; i++) {
            double sumExp = 0;
            for (int j = 0; j < v; j++) {
                sumExp += Math.exp(raw[i][j]);
            }
            double lse = Math.log(sumExp);
            expectedLoss += lse - raw[i][targets[i]];
            for (int j = 0; j < v; j++) {
                double expected = Math.exp(raw[i][j] - lse) - (j == targets[i] ? 1 : 0);
                assertEquals(expected, logits.getDouble(i, j), 1e-12, "gradient at [" + i + ", " + j + "]");
            }
        }
        assertEquals(expectedLoss, loss, 1e-9);
    }

    @Test
    void floatLogitsOverAVocabularyGiveTheDefinitionsLossAndGradient() {
        // FLOAT [N, V] is the training path, where the softmax runs in oneDNN (a rank-3 view of the logits).
        Case c = Case.random(48, 1000, 4, 12);
        INDArray logits = Nd4j.create(c.raw());
        INDArray original = logits.dup();
        double[] losses = SoftmaxCrossEntropy.perTokenInPlace(logits, c.targets(), true, original::getRow);
        assertDefinition(c, losses, logits);
    }

    @Test
    void logitsInFortranOrderStillBecomeTheirGradient() {
        // an [N, V] view whose rows are strided: the softmax must still land in the caller's array
        Case c = Case.random(6, 50, 3, 13);
        INDArray logits = Nd4j.create(c.raw()).transpose().dup('c').transpose();
        INDArray original = logits.dup();
        double[] losses = SoftmaxCrossEntropy.perTokenInPlace(logits, c.targets(), true, original::getRow);
        assertDefinition(c, losses, logits);
    }

    /** Gaussian float logits [n, v] with standard deviation {@code sd}, and a random target per row. */
    private record Case(float[][] raw, int[] targets) {
        static Case random(int n, int v, double sd, long seed) {
            Random random = new Random(seed);
            float[][] raw = new float[n][v];
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = random.nextInt(v);
                for (int j = 0; j < v; j++) {
                    raw[i][j] = (float) (sd * random.nextGaussian());
                }
            }
            return new Case(raw, targets);
        }
    }

    /** Loss logsumexp - logit[target] and gradient softmax - one-hot, to float precision. */
    private static void assertDefinition(Case c, double[] losses, INDArray gradient) {
        float[][] raw = c.raw();
        int[] targets = c.targets();
        for (int i = 0; i < raw.length; i++) {
            double[] row = new double[raw[i].length];
            for (int j = 0; j < row.length; j++) {
                row[j] = raw[i][j];
            }
            double lse = logSumExp(row);
            assertEquals(lse - raw[i][targets[i]], losses[i], 1e-4, "loss of row " + i);
            for (int j = 0; j < raw[i].length; j++) {
                double expected = Math.exp(raw[i][j] - lse) - (j == targets[i] ? 1 : 0);
                assertEquals(expected, gradient.getDouble(i, j), 1e-6, "gradient at [" + i + ", " + j + "]");
            }
        }
    }

    /** log sum exp(row) in double, the reference the tests hold the head to. */
    private static double logSumExp(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : row) {
            max = Math.max(max, x);
        }
        double sumExp = 0;
        for (double x : row) {
            sumExp += Math.exp(x - max);
        }
        return max + Math.log(sumExp);
    }

    @Test
    void targetWhoseProbabilityUnderflowsStillGetsItsExactLossFromItsRecomputedRow() {
        // softmax of -500 against two zeros is e^-500 / 2: zero in float, yet the loss is 500 + log(2 + e^-500).
        // The second row's target is likely, so only the first row is asked for again.
        INDArray logits = Nd4j.create(new float[][] {{0f, 0f, -500f}, {1f, 2f, 3f}});
        INDArray original = logits.dup();
        java.util.List<Integer> recomputed = new java.util.ArrayList<>();
        double[] losses = SoftmaxCrossEntropy.perTokenInPlace(logits, new int[] {2, 2}, true, row -> {
            recomputed.add(row);
            return original.getRow(row);
        });
        assertEquals(java.util.List.of(0), recomputed);
        assertEquals(500 + Math.log(2), losses[0], 1e-4);
        assertEquals(Math.log(Math.exp(-2) + Math.exp(-1) + 1), losses[1], 1e-6);
        assertEquals(-1.0, logits.getDouble(0, 2), 1e-6, "the gradient at an underflowed target is p - 1");
    }

    @Test
    void headWhoseTargetsUnderflowScoresTheExactLossOfItsLogits() {
        // Output weights scaled up until most targets' probabilities underflow in float: the score must still be
        // the cross-entropy of the head's own logits, through the rows the head recomputes for those targets.
        ComputationGraph graph = GptModel.build(TinyGpt.config(), new Adam(1e-3), DataType.FLOAT);
        graph.getLayer(GptModel.OUTPUT).getParam(LanguageModelHead.OUTPUT_WEIGHT).muli(3000);
        int[][] in = {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 10, 11, 12, 13, 14, 15, 16}};
        int[][] out = {{2, 3, 4, 5, 6, 7, 8, 9}, {10, 11, 12, 13, 14, 15, 16, 17}};
        INDArray x = TinyGpt.ids(DataType.FLOAT, in);
        INDArray logits = graph.outputSingle(x);
        double expected = 0;
        int underflowed = 0;
        for (int b = 0; b < in.length; b++) {
            for (int t = 0; t < TinyGpt.T; t++) {
                double[] row = logits.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.all())
                        .toDoubleVector();
                double lse = logSumExp(row);
                double loss = lse - row[out[b][t]];
                underflowed += loss > 88 ? 1 : 0;
                expected += loss;
            }
        }
        assertTrue(underflowed > 4, underflowed + " targets underflowed");
        graph.setInputs(x);
        graph.setLabels(TinyGpt.ids(DataType.FLOAT, out));
        graph.computeGradientAndScore();
        assertEquals(expected / (in.length * TinyGpt.T), graph.score(), 1e-3 * expected / (in.length * TinyGpt.T));
    }

    @Test
    void labelsOutsideTheVocabularyAreRejectedWithTheirId() {
        ComputationGraph graph = GptModel.build(TinyGpt.config(), new Adam(1e-3), DataType.FLOAT);
        INDArray x = TinyGpt.ids(DataType.FLOAT, new int[][] {{1, 2, 3, 4, 5, 6, 7, 8}});
        INDArray y = TinyGpt.ids(DataType.FLOAT, new int[][] {{2, 3, 4, 5, 6, 7, 8, TinyGpt.VOCAB}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.fit(new DataSet(x, y)));
        assertTrue(e.getMessage().contains("label id " + TinyGpt.VOCAB), e.getMessage());
    }
}
