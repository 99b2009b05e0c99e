package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cross-entropy of logits [N, V] against target ids, computed through one in-place softmax over the vocabulary: the
 * language-model head's loss and gradient, and the validation loss.
 *
 * <p>Each loss is logsumexp - logit[target] = max - log(max softmax) - logit[target], exact even where
 * softmax[target] underflows, and summed in double. Over the vocabulary every pass costs N*V memory traffic, so this
 * makes as few as it can: row maxima, the softmax, maxima of the softmax.
 */
public final class SoftmaxCrossEntropy {

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
        Nd4j.exec(new SoftMax(logits, logits, 1));
        INDArray probMax = logits.max(1);
        for (int n = 0; n < targets.length; n++) {
            out[n] += rowMax.getDouble(n) - Math.log(probMax.getDouble(n));
            if (gradient) {
                logits.putScalar(n, targets[n], logits.getDouble(n, targets[n]) - 1.0);
            }
        }
        return out;
    }
}
