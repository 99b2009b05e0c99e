package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.TokenBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Scores the validation batches in inference mode from the graph's logits [B, T, V] (the GPT head's activations),
 * summing per-token cross-entropy in double precision. Working from the logits, not from {@code score()}, keeps
 * regularisation terms and DL4J's score normalisation out of the reported loss.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvalResult evaluate(ComputationGraph graph, List<TokenBatch> batches, BatchEncoder encoder) {
        double sumNats = 0;
        long tokens = 0;
        double bytes = 0;
        for (TokenBatch batch : batches) {
            MultiDataSet mds = encoder.encode(batch);
            INDArray logits = graph.output(false, mds.getFeatures())[0];
            sumNats += sumNats(logits, batch);
            tokens += batch.targetTokens();
            bytes += batch.targetBytes();
        }
        return EvalResult.of(sumNats, tokens, bytes);
    }

    /** Sum over the batch of -log softmax(logits)[target], with logits shaped [B, T, V]. */
    static double sumNats(INDArray logits, TokenBatch batch) {
        int b = batch.size();
        int t = batch.context();
        if (logits.rank() != 3 || logits.size(0) != b || logits.size(1) != t) {
            throw new IllegalStateException("expected logits [" + b + ", " + t + ", V], got "
                    + java.util.Arrays.toString(logits.shape()));
        }
        long v = logits.size(2);
        INDArray flat = logits.castTo(DataType.DOUBLE).dup('c').reshape(b * (long) t, v);
        INDArray max = flat.max(1);
        INDArray lse = Transforms.log(Transforms.exp(flat.subColumnVector(max), true).sum(1), false).addi(max);
        double sum = 0;
        for (int i = 0; i < b; i++) {
            int[] tokens = batch.blocks().get(i).tokens();
            for (int j = 0; j < t; j++) {
                long row = (long) i * t + j;
                sum += lse.getDouble(row) - flat.getDouble(row, tokens[j + 1]);
            }
        }
        return sum;
    }
}
