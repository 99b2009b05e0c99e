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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attention branch of a pre-LN Transformer block: {@code attn(ln1(x))}, causal multi-head self-attention.
 * The residual add (and dropout on the branch) are graph vertices, see {@link GptModel}.
 *
 * <p>Runs as {@link AttentionRuntime} (hand-written forward and backward); {@link #defineLayer} states the same
 * function in SameDiff, which DL4J's SameDiff runtime would execute.
 */
public class CausalSelfAttention extends GradientFixedSameDiffLayer {

    /** Added to attention scores of future positions; finite so that softmax never sees inf - inf. */
    static final double MASKED = -1e9;

    @JsonProperty
    private int contextLength;
    @JsonProperty
    private int dModel;
    @JsonProperty
    private int nHead;
    @JsonProperty
    private int nLayer;

    /** For DL4J's JSON deserialisation (fields are @JsonProperty: DL4J's mapper ignores plain private fields). */
    protected CausalSelfAttention() {
    }

    public CausalSelfAttention(int contextLength, int dModel, int nHead, int nLayer) {
        this.contextLength = contextLength;
        this.dModel = dModel;
        this.nHead = nHead;
        this.nLayer = nLayer;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // LayerNorm gain/shift and all biases are "bias" params so that weight decay skips them.
        params.addBiasParam("lng", dModel);
        params.addBiasParam("lnb", dModel);
        params.addWeightParam("wqkv", dModel, 3L * dModel);
        params.addBiasParam("bqkv", 3L * dModel);
        params.addWeightParam("wo", dModel, dModel);
        params.addBiasParam("bo", dModel);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("lng").assign(1.0);
        params.get("lnb").assign(0.0);
        ParamInit.normal(params.get("wqkv"), ParamInit.STD);
        params.get("bqkv").assign(0.0);
        ParamInit.normal(params.get("wo"), ParamInit.residualStd(nLayer));
        params.get("bo").assign(0.0);
    }

    @Override
    protected org.deeplearning4j.nn.layers.samediff.SameDiffLayer runtime(NeuralNetConfiguration conf,
                                                                           DataType dataType) {
        return new AttentionRuntime(conf, dataType, contextLength, dModel, nHead);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> p, SDVariable mask) {
        int t = contextLength;
        int c = dModel;
        int nh = nHead;
        int hs = c / nh;
        // Every linear map acts per token: [B, T, C] -> [B*T, C]
        SDVariable h = sd.reshape(x, -1, c);
        h = sd.nn().layerNorm(h, p.get("lng"), p.get("lnb"), false, 1);
        // One matmul for q, k and v: [B*T, C] -> [B*T, 3C]
        SDVariable qkv = h.mmul(p.get("wqkv")).add(p.get("bqkv"));
        // [B*T, 3C] -> [B, T, 3, nh, hs] -> [3, B, nh, T, hs]
        qkv = sd.permute(sd.reshape(qkv, -1, t, 3, nh, hs), 2, 0, 3, 1, 4);
        SDVariable[] parts = sd.unstack(qkv, 0, 3);
        // Scaling q instead of the scores touches T/hs times fewer numbers.
        SDVariable q = parts[0].mul(1.0 / Math.sqrt(hs));   // [B, nh, T, hs]
        SDVariable k = parts[1];                            // [B, nh, T, hs]
        SDVariable v = parts[2];                            // [B, nh, T, hs]
        // [B, nh, T, hs] x [B, nh, hs, T] -> [B, nh, T, T]
        SDVariable att = sd.mmul(q, k, false, true, false);
        att = att.add(sd.constant(causalMask(t, x.dataType())));
        att = sd.nn().softmax(att, 3);
        // [B, nh, T, T] x [B, nh, T, hs] -> [B, nh, T, hs]
        SDVariable y = sd.mmul(att, v);
        // [B, nh, T, hs] -> [B, T, nh, hs] -> [B*T, C]
        y = sd.reshape(sd.permute(y, 0, 2, 1, 3), -1, c);
        y = y.mmul(p.get("wo")).add(p.get("bo"));
        // [B*T, C] -> [B, T, C]
        return sd.reshape(y, -1, t, c);
    }

    /** [T, T] additive mask: 0 where key position j <= query position i, {@link #MASKED} where j > i. */
    static INDArray causalMask(int t, DataType dataType) {
        INDArray mask = Nd4j.zeros(dataType, t, t);
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask.putScalar(i, j, MASKED);
            }
        }
        return mask;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(dModel, contextLength, RNNFormat.NWC);
    }
}
