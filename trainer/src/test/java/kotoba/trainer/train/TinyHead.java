package kotoba.trainer.train;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Test-only output layer with the GPT head's contract: activations are logits [B, T, V], labels are ids [B, T],
 * score is the mean cross-entropy per token. Lets trainer tests run on a model that is tiny and fast.
 */
public class TinyHead extends SameDiffOutputLayer {
    private int vocabSize;
    private int contextLength;
    private int width;

    public TinyHead() {
    }

    public TinyHead(int vocabSize, int contextLength, int width) {
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
        this.width = width;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("w", width, vocabSize);
        params.addBiasParam("b", vocabSize);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("w").assign(org.nd4j.linalg.factory.Nd4j.randn(DataType.FLOAT, width, vocabSize).muli(0.2));
        params.get("b").assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, SDVariable labels, Map<String, SDVariable> p) {
        SDVariable h = sd.reshape(x, -1, width);
        SDVariable logits = h.mmul(p.get("w")).add(p.get("b"));
        sd.reshape("logits", logits, -1, contextLength, vocabSize);
        SDVariable targets = sd.reshape(labels, -1).castTo(DataType.INT32);
        SDVariable loss = sd.loss().sparseSoftmaxCrossEntropy(logits, targets).sum().div(contextLength);
        sd.setLossVariables(loss);
        return loss;
    }

    @Override
    public String activationsVertexName() {
        return "logits";
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(vocabSize, contextLength, RNNFormat.NWC);
    }

    // Jackson (DL4J's JSON config, used by checkpoints and Spark workers) goes through getters and setters.
    public int getVocabSize() {
        return vocabSize;
    }

    public void setVocabSize(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    public int getContextLength() {
        return contextLength;
    }

    public void setContextLength(int contextLength) {
        this.contextLength = contextLength;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }
}
