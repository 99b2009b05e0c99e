package kotoba.trainer.model;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Output layer of the GPT: final LayerNorm, projection to vocabulary logits [B, T, V] (its activations) and the
 * softmax cross-entropy against next-token ids [B, T] (its loss).
 *
 * <p>Training and inference run in {@link FusedHeadLayer}, which computes the same function with a hand-written
 * fused softmax cross-entropy; {@link #defineLayer} is the SameDiff statement of that function, which DL4J's own
 * runtime layer would execute (kept as its readable specification and for DL4J's configuration contract).
 *
 * <p>In the SameDiff form the loss is log-softmax times a one-hot of the targets, not ND4J's fused
 * {@code sparseSoftmaxCrossEntropy}: in 1.0.0-M2.1 the fused op's gradient ignores the gradient flowing into it
 * (measured: the /T below was lost, gradients came out T times too large), and {@code logSoftmax} with an
 * explicit axis fails when SameDiff clones the graph for backprop, hence the default (last) axis.
 *
 * <p>DL4J divides an output layer's score and gradients by the minibatch size B only, so the loss defined here
 * is the sum over all B*T tokens divided by T: the network score is then the mean cross-entropy per token in nats.
 */
public class LanguageModelHead extends SameDiffOutputLayer {

    /** Name of the logits variable, what {@code ComputationGraph.output} returns. */
    static final String LOGITS = "logits";
    /** The output projection [C, V]. */
    public static final String OUTPUT_WEIGHT = "wout";

    @JsonProperty
    private int vocabSize;
    @JsonProperty
    private int contextLength;
    @JsonProperty
    private int dModel;

    /** For DL4J's JSON deserialisation (fields are @JsonProperty: DL4J's mapper ignores plain private fields). */
    protected LanguageModelHead() {
    }

    public LanguageModelHead(int vocabSize, int contextLength, int dModel) {
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
        this.dModel = dModel;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addBiasParam("lng", dModel);
        params.addBiasParam("lnb", dModel);
        // No bias, as in GPT-2's lm_head.
        params.addWeightParam(OUTPUT_WEIGHT, dModel, vocabSize);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("lng").assign(1.0);
        params.get("lnb").assign(0.0);
        ParamInit.normal(params.get(OUTPUT_WEIGHT), ParamInit.STD);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        // Same wiring as SameDiffOutputLayer.instantiate, with the fused runtime layer.
        FusedHeadLayer layer = new FusedHeadLayer(conf, networkDataType, vocabSize, contextLength, dModel);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, SDVariable labels, Map<String, SDVariable> p) {
        // [B, T, C] -> [B*T, C]
        SDVariable h = sd.reshape(x, -1, dModel);
        h = sd.nn().layerNorm(h, p.get("lng"), p.get("lnb"), false, 1);
        // [B*T, C] -> [B*T, V]
        SDVariable logits = h.mmul(p.get(OUTPUT_WEIGHT));
        // [B*T, V] -> [B, T, V], the layer's activations
        sd.reshape(LOGITS, logits, -1, contextLength, vocabSize);
        // [B, T] float ids -> [B*T, V] one-hot
        SDVariable targets = sd.oneHot(sd.reshape(labels, -1).castTo(DataType.INT32), vocabSize)
                .castTo(logits.dataType());
        // -log softmax at the target id, per token: [B*T]
        SDVariable perToken = sd.sum(sd.nn().logSoftmax(logits).mul(targets), 1).neg();
        SDVariable loss = perToken.sum().div(contextLength);
        // Only the scalar is the loss; the runtime layer does not set it.
        sd.setLossVariables(loss);
        return loss;
    }

    @Override
    public String activationsVertexName() {
        return LOGITS;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(vocabSize, contextLength, RNNFormat.NWC);
    }
}
