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
 * The MLP branch of a pre-LN Transformer block: {@code mlp(ln2(x))} = GELU(ln2(x) W1 + b1) W2 + b2.
 * The residual add (and dropout on the branch) are graph vertices, see {@link GptModel}.
 *
 * <p>Runs as {@link FeedForwardRuntime} (hand-written forward and backward); {@link #defineLayer} states the same
 * function in SameDiff, which DL4J's SameDiff runtime would execute.
 */
public class FeedForward extends GradientFixedSameDiffLayer {

    @JsonProperty
    private int contextLength;
    @JsonProperty
    private int dModel;
    @JsonProperty
    private int dFf;
    @JsonProperty
    private int nLayer;

    /** For DL4J's JSON deserialisation (fields are @JsonProperty: DL4J's mapper ignores plain private fields). */
    protected FeedForward() {
    }

    public FeedForward(int contextLength, int dModel, int dFf, int nLayer) {
        this.contextLength = contextLength;
        this.dModel = dModel;
        this.dFf = dFf;
        this.nLayer = nLayer;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam("lng", dModel);
        params.addBiasParam("lnb", dModel);
        params.addWeightParam("wfc", dModel, dFf);
        params.addBiasParam("bfc", dFf);
        params.addWeightParam("wproj", dFf, dModel);
        params.addBiasParam("bproj", dModel);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("lng").assign(1.0);
        params.get("lnb").assign(0.0);
        ParamInit.normal(params.get("wfc"), ParamInit.STD);
        params.get("bfc").assign(0.0);
        ParamInit.normal(params.get("wproj"), ParamInit.residualStd(nLayer));
        params.get("bproj").assign(0.0);
    }

    @Override
    protected org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime(NeuralNetConfiguration conf,
                                                                           DataType dataType) {
        return new FeedForwardRuntime(conf, dataType, dModel);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
        // [B, T, C] -> [B*T, C]
        SDVariable h = sd.reshape(x, -1, dModel);
        h = sd.nn().layerNorm(h, p.get("lng"), p.get("lnb"), false, 1);
        // [B*T, C] -> [B*T, dFf]
        h = sd.nn().gelu(h.mmul(p.get("wfc")).add(p.get("bfc")));
        // [B*T, dFf] -> [B*T, C]
        h = h.mmul(p.get("wproj")).add(p.get("bproj"));
        // [B*T, C] -> [B, T, C]
        return sd.reshape(h, -1, contextLength, dModel);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(dModel, contextLength, RNNFormat.NWC);
    }
}
