package kotoba.trainer.model;

import java.util.function.IntFunction;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link LanguageModelHead}: final LayerNorm, logits = h W [B*T, V], and a fused softmax
 * cross-entropy whose backward pass is written out by hand (dL/dlogits = softmax - onehot), instead of SameDiff's
 * log-softmax times one-hot.
 *
 * <p>Why: over the vocabulary every pass costs B*T*V memory traffic, and the SameDiff version made about fifteen
 * (one-hot, log-softmax, product, sums and their gradients), ran the forward pass again inside its backward pass and
 * once more for the score. Here a training step makes three passes over [B*T, V] (the logits matmul writes it, row
 * maxima, softmax in place) besides the two gradient matmuls, which also apply the 1/T scaling, and the
 * loss computed during backprop is reused for the score. Its arrays live in {@link LayerWorkspaces}' scratch
 * workspace.
 *
 * <p>Conventions are those of the SameDiff definition it replaces: the layer's loss is the sum of per-token
 * cross-entropies divided by T, DL4J divides the score (and, in the updater, the gradients) by the batch size B,
 * so the score is the mean per-token loss in nats.
 */
final class FusedHeadLayer extends SameDiffOutputLayer {

    private final int vocabSize;
    private final int contextLength;
    private final int dModel;
    /** Loss (sum over tokens / T) of the last backprop, valid while input and labels are unchanged. */
    private double cachedLoss = Double.NaN;

    FusedHeadLayer(NeuralNetConfiguration conf, DataType dataType, int vocabSize, int contextLength, int dModel) {
        super(conf, dataType);
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
        this.dModel = dModel;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        cachedLoss = Double.NaN;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        cachedLoss = Double.NaN;
        super.setLabels(labels);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
            INDArray logits = logits(LayerNormMath.forward(rows(input), param("lng"), param("lnb"), null));
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, logits.reshape('c', -1, contextLength, vocabSize));
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (labels == null) {
            throw new IllegalStateException("the language-model head needs labels (next-token ids) to backpropagate");
        }
        Gradient gradient = new DefaultGradient();
        INDArray dx;
        try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
            LayerNormMath.Saved[] saved = new LayerNormMath.Saved[1];
            INDArray h = LayerNormMath.forward(rows(input), param("lng"), param("lnb"), saved);
            INDArray probs = logits(h);
            int[] targets = targets(probs.size(0));
            cachedLoss = SoftmaxCrossEntropy.sumInPlace(probs, targets, rowOf(h)) / contextLength;
            // probs now holds dL/dlogits of the summed loss; the layer's loss is that sum / T, so both products
            // scale by 1/T (a pass over [B*T, V] saved), and write straight into their destinations.
            double scale = 1.0 / contextLength;
            INDArray w = param(LanguageModelHead.OUTPUT_WEIGHT);
            Nd4j.gemm(h, probs, gradTable.get(LanguageModelHead.OUTPUT_WEIGHT), true, false, scale, 0.0);
            INDArray dh = Nd4j.gemm(probs, w, Nd4j.createUninitialized(h.dataType(), h.shape(), 'c'), false, true,
                    scale, 0.0);
            INDArray dRows = LayerNormMath.backward(dh, param("lng"), saved[0], gradTable.get("lng"),
                    gradTable.get("lnb"));
            dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD,
                    dRows.reshape('c', input.size(0), input.size(1), input.size(2)));
        }
        for (String name : new String[] {"lng", "lnb", LanguageModelHead.OUTPUT_WEIGHT}) {
            gradient.gradientForVariable().put(name, gradTable.get(name));
        }
        return new Pair<>(gradient, dx);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (Double.isNaN(cachedLoss)) {
            try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
                INDArray h = LayerNormMath.forward(rows(input), param("lng"), param("lnb"), null);
                INDArray probs = logits(h);
                int[] targets = targets(probs.size(0));
                cachedLoss = SoftmaxCrossEntropy.sumInPlace(probs, targets, rowOf(h)) / contextLength;
            }
        }
        return (cachedLoss + fullNetRegTerm) / input.size(0);
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
            INDArray h = LayerNormMath.forward(rows(input), param("lng"), param("lnb"), null);
            INDArray logits = logits(h);
            int[] targets = targets(logits.size(0));
            double[] perToken = SoftmaxCrossEntropy.perTokenInPlace(logits, targets, false, rowOf(h));
            long b = input.size(0);
            INDArray perExample = Nd4j.create(input.dataType(), b, 1);
            for (int i = 0; i < b; i++) {
                double sum = 0;
                for (int j = 0; j < contextLength; j++) {
                    sum += perToken[i * contextLength + j];
                }
                perExample.putScalar(i, 0, sum / contextLength + fullNetRegTerm);
            }
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, perExample);
        }
    }

    /** [B, T, C] activations as [B*T, C] rows (a copy only if the layout needs one). */
    private INDArray rows(INDArray x) {
        if (x.rank() != 3 || x.size(1) != contextLength || x.size(2) != dModel) {
            throw new IllegalArgumentException("the language-model head expects input [B, " + contextLength + ", "
                    + dModel + "], got " + java.util.Arrays.toString(x.shape()));
        }
        return x.reshape('c', x.size(0) * contextLength, dModel);
    }

    private INDArray param(String name) {
        return paramTable.get(name);
    }

    /** h [N, C] times the output weight [C, V], as a fresh c-ordered [N, V] array. */
    private INDArray logits(INDArray h) {
        INDArray out = Nd4j.createUninitialized(h.dataType(), new long[] {h.size(0), vocabSize}, 'c');
        return Nd4j.gemm(h, param(LanguageModelHead.OUTPUT_WEIGHT), out, false, false, 1.0, 0.0);
    }

    /** Row n of the logits of {@code h} again: the softmax overwrote them (see {@link SoftmaxCrossEntropy}). */
    private IntFunction<INDArray> rowOf(INDArray h) {
        return n -> h.getRow(n, true).mmul(param(LanguageModelHead.OUTPUT_WEIGHT));
    }

    /** Labels [B, T] (float ids) as ints, rejecting ids outside the vocabulary. */
    private int[] targets(long rows) {
        if (labels.length() != rows) {
            throw new IllegalArgumentException("labels hold " + labels.length() + " ids for " + rows + " positions; "
                    + "expected [B, " + contextLength + "] next-token ids");
        }
        int[] ids = labels.castTo(DataType.INT32).dup('c').reshape(rows).toIntVector();
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("label id " + id + " outside the vocabulary [0, " + vocabSize + ")");
            }
        }
        return ids;
    }
}
