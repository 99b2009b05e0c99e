package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Adds the learned position embedding to the token embeddings: [B, T, C] + wpe[T, C]. Runs as
 * {@link PositionEmbeddingRuntime}; {@link #defineLayer} is the SameDiff statement of the same sum.
 */
public class PositionEmbedding extends GradientFixedSameDiffLayer {

    /** The position embedding matrix [T, C]. */
    public static final String WEIGHT = "wpe";

    @JsonProperty
    private int contextLength;
    @JsonProperty
    private int dModel;

    /** For DL4J's JSON deserialisation (fields are @JsonProperty: DL4J's mapper ignores plain private fields). */
    protected PositionEmbedding() {
    }

    public PositionEmbedding(int contextLength, int dModel) {
        this.contextLength = contextLength;
        this.dModel = dModel;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHT, contextLength, dModel);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        ParamInit.normal(params.get(WEIGHT), ParamInit.STD);
    }

    @Override
    protected org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime(NeuralNetConfiguration conf,
                                                                           DataType dataType) {
        return new PositionEmbeddingRuntime(conf, dataType);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        // [B, T, C] + [T, C], broadcast over the batch
        return x.add(params.get(WEIGHT));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(dModel, contextLength, RNNFormat.NWC);
    }
}
