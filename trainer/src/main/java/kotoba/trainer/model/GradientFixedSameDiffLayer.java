package kotoba.trainer.model;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the GPT's hidden SameDiff layers: DL4J's {@link SameDiffLayer} configuration with a choice of runtime.
 *
 * <p>The GPT's layers supply hand-written {@link ManualBackpropLayer} runtimes (see {@link #runtime}); the default
 * runtime is DL4J's SameDiff execution with its backward pass corrected. In DL4J 1.0.0-M2.1 a (non-output)
 * SameDiffLayer returns exactly twice the true gradient, both for its parameters and for its input: measured with
 * central finite differences in double precision on single layers (a bare {@code x + wpe} included) and batch
 * sizes 1 and 2; {@code SameDiffOutputLayer} is exact. Adam hides a constant factor, SGD, gradient clipping and
 * weight decay do not. The cause lies inside DL4J's external-errors backprop and was not located; the default
 * runtime halves both results.
 */
public abstract class GradientFixedSameDiffLayer extends SameDiffLayer {

    /** What DL4J's SameDiffLayer gradients are multiplied by to become the true gradients. */
    static final double GRADIENT_CORRECTION = 0.5;

    protected GradientFixedSameDiffLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        // Same wiring as SameDiffLayer.instantiate, with the corrected (or a hand-written) runtime layer.
        org.deeplearning4j.nn.layers.samediff.SameDiffLayer layer = runtime(conf, networkDataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> table = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    /**
     * The runtime layer: DL4J's SameDiff execution with corrected gradients, unless a subclass supplies a
     * {@link ManualBackpropLayer} (whose gradients are exact and need no correction).
     */
    protected org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime(NeuralNetConfiguration conf,
                                                                           DataType dataType) {
        return new Corrected(conf, dataType);
    }

    /** The runtime layer: DL4J's, with parameter and input gradients scaled by {@link #GRADIENT_CORRECTION}. */
    static final class Corrected extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

        Corrected(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
            for (INDArray g : result.getFirst().gradientForVariable().values()) {
                g.muli(GRADIENT_CORRECTION);
            }
            result.getSecond().muli(GRADIENT_CORRECTION);
            return result;
        }
    }
}
