package kotoba.trainer.model;

import java.util.function.IntFunction;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cross-entropy of logits [N, V] against target ids, computed through one in-place softmax over the vocabulary: the
 * language-model head's loss and gradient, and the validation loss.
 *
 * <p>Each loss is -log softmax[target]. Where softmax[target] underflowed (a loss above 87 nats) it is logsumexp -
 * logit[target] instead, from that row's logits as the caller recomputes them: over the vocabulary every pass costs
 * N*V memory traffic, and a pass for the row maxima, kept for those rare rows, took 4% of a d=128 training step
 * (bench/RESULTS.md 3q). Losses are summed in double.
 *
 * <p>The softmax runs on a [1, N, V] view: ND4J's oneDNN build hands softmax to oneDNN only from rank 3 up, and
 * oneDNN's vectorised kernel took 0.7 ns an element where ND4J's own loop of scalar {@code expf} took 4 (2048 x 8000
 * logits, two threads, the Intel VM of bench/RESULTS.md 3q).
 */
public final class SoftmaxCrossEntropy {

    /** Float's smallest normal number: below it a probability has lost precision. */
    private static final double NORMAL = Float.MIN_NORMAL;

    private SoftmaxCrossEntropy() {
    }

    /**
     * Sum of the per-token cross-entropies; {@code logits} become dL/dlogits of that sum. {@code rowLogits} gives row
     * n of the original logits again, for the rare rows whose target probability underflows.
     */
    public static double sumInPlace(INDArray logits, int[] targets, IntFunction<INDArray> rowLogits) {
        double sum = 0;
        for (double loss : perTokenInPlace(logits, targets, true, rowLogits)) {
            sum += loss;
        }
        return sum;
    }

    /**
     * Per-token cross-entropies of logits [N, V] (in place: they become the softmax, minus the one-hot of the targets
     * if {@code gradient}); {@code rowLogits} as in {@link #sumInPlace}.
     */
    public static double[] perTokenInPlace(INDArray logits, int[] targets, boolean gradient,
                                           IntFunction<INDArray> rowLogits) {
        double[] targetLogit = new double[targets.length];
        for (int n = 0; n < targets.length; n++) {
            targetLogit[n] = logits.getDouble(n, targets[n]);
        }
        // A leading unit dimension is a view of the same buffer whatever the strides, so the softmax lands in logits.
        INDArray rank3 = logits.reshape(1, logits.size(0), logits.size(1));
        Nd4j.exec(new SoftMax(rank3, rank3, 2));
        double[] out = new double[targets.length];
        for (int n = 0; n < targets.length; n++) {
            double p = logits.getDouble(n, targets[n]);
            out[n] = p >= NORMAL ? -Math.log(p) : logSumExp(rowLogits.apply(n)) - targetLogit[n];
            if (gradient) {
                logits.putScalar(n, targets[n], p - 1.0);
            }
        }
        return out;
    }

    /** log sum exp(row), in double. */
    private static double logSumExp(INDArray row) {
        double[] x = row.toDoubleVector();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
