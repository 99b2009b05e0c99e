package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cross-entropy of logits [N, V] against target ids, computed through one in-place softmax over the vocabulary: the
 * language-model head's loss and gradient, and the validation loss.
 *
 * <p>Each loss is -log softmax[target], or, where softmax[target] underflowed, logsumexp - logit[target] = max -
 * log(max softmax) - logit[target], which stays exact; losses are summed in double. Over the vocabulary every pass
 * costs N*V memory traffic, so this makes as few as it can: row maxima and the softmax; only rows whose target
 * probability underflowed read their row again.
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

    /** Sum of the per-token cross-entropies; {@code logits} become dL/dlogits of that sum. */
    public static double sumInPlace(INDArray logits, int[] targets) {
        double sum = 0;
        for (double loss : perTokenInPlace(logits, targets, true)) {
            sum += loss;
        }
        return sum;
    }

    /**
     * Per-token cross-entropies of logits [N, V] (c-ordered, in place: they become the softmax, minus the one-hot of
     * the targets if {@code gradient}).
     */
    public static double[] perTokenInPlace(INDArray logits, int[] targets, boolean gradient) {
        double[] out = new double[targets.length];
        for (int n = 0; n < targets.length; n++) {
            out[n] = -logits.getDouble(n, targets[n]);
        }
        INDArray rowMax = logits.max(1);
        // A leading unit dimension is a view of the same buffer whatever the strides, so the softmax lands in logits.
        INDArray rank3 = logits.reshape(1, logits.size(0), logits.size(1));
        Nd4j.exec(new SoftMax(rank3, rank3, 2));
        for (int n = 0; n < targets.length; n++) {
            double p = logits.getDouble(n, targets[n]);
            // -log p is as exact as the softmax itself while p is a normal number; a row whose target underflowed
            // takes max - log(max softmax) - logit[target] instead, so only such rows pay a pass for their maximum.
            out[n] = p >= NORMAL ? -Math.log(p) : out[n] + rowMax.getDouble(n)
                    - Math.log(logits.getRow(n).maxNumber().doubleValue());
            if (gradient) {
                logits.putScalar(n, targets[n], p - 1.0);
            }
        }
        return out;
    }
}
