package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime layer of {@link PositionEmbedding}: x [B, T, C] + wpe [T, C]; dL/dwpe is dL/dy summed over the batch. */
final class PositionEmbeddingRuntime extends ManualBackpropLayer {

    PositionEmbeddingRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    INDArray forward(INDArray x, boolean keep) {
        INDArray wpe = paramTable().get(PositionEmbedding.WEIGHT);
        long tc = wpe.length();
        return x.reshape('c', x.length() / tc, tc).add(wpe.reshape('c', 1, tc)).reshape('c', x.shape());
    }

    @Override
    INDArray backward(INDArray dy, Map<String, INDArray> grads) {
        INDArray grad = grads.get(PositionEmbedding.WEIGHT);
        long tc = grad.length();
        grad.assign(dy.reshape('c', dy.length() / tc, tc).sum(0).reshape('c', grad.shape()));
        return dy;
    }
}
