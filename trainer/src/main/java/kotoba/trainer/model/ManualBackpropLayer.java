package kotoba.trainer.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the runtime layers that replace SameDiff execution of the GPT's hidden layers with hand-written ND4J
 * forward and backward passes, keeping the SameDiff layer's configuration, parameter layout and initialisation.
 *
 * <p>Why: DL4J's SameDiffLayer runs the whole forward pass a second time inside its backward pass, pays SameDiff's
 * per-op session overhead on every op, and (M2.1) doubles its gradients. Here the training forward pass keeps what
 * the backward pass needs, the backward pass reuses it for the same input, and gradients are exact.
 */
abstract class ManualBackpropLayer extends SameDiffLayer {

    /** The input the kept forward state belongs to (identity), or null. */
    private INDArray keptFor;
    /** Buffers outside any workspace that hold the forward state between steps, reused while shapes agree. */
    private final Map<String, INDArray> keptBuffers = new HashMap<>();

    ManualBackpropLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Output for {@code x}, computed in the scratch workspace; when {@code keep}, also stores what {@link #backward}
     * needs, via {@link #keep}, in the subclass's fields.
     */
    abstract INDArray forward(INDArray x, boolean keep);

    /** dL/dinput for dL/doutput {@code dy}, after writing parameter gradients into {@code grads} (in place). */
    abstract INDArray backward(INDArray dy, Map<String, INDArray> grads);

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
            INDArray out = forward(input, training);
            keptFor = training ? input : null;
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (keptFor != input) {
            try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
                forward(input, true);
            }
        }
        INDArray dx;
        try (MemoryWorkspace ws = LayerWorkspaces.scratch()) {
            dx = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, backward(epsilon, gradTable));
        } finally {
            keptFor = null;
        }
        Gradient gradient = new DefaultGradient();
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
            gradient.gradientForVariable().put(e.getKey(), e.getValue());
        }
        return new Pair<>(gradient, dx);
    }

    /** Copies {@code value} into this layer's kept buffer {@code name} (outside workspaces) and returns the buffer. */
    INDArray keep(String name, INDArray value) {
        return kept(name, value.dataType(), value.shape()).assign(value);
    }

    /**
     * This layer's kept buffer {@code name} with the given type and shape (c order, outside workspaces, reused from
     * step to step while the shape agrees), for kernels to write the forward state into directly.
     */
    INDArray kept(String name, DataType type, long... shape) {
        INDArray buffer = keptBuffers.get(name);
        if (buffer == null || !Arrays.equals(buffer.shape(), shape) || buffer.dataType() != type) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                buffer = Nd4j.createUninitialized(type, shape, 'c');
            }
            keptBuffers.put(name, buffer);
        }
        return buffer;
    }

    /** The kept buffer {@code name} as the last training forward pass left it. */
    INDArray kept(String name) {
        INDArray buffer = keptBuffers.get(name);
        if (buffer == null) {
            throw new IllegalStateException("no forward state '" + name + "' kept for the backward pass");
        }
        return buffer;
    }

    /** A kept buffer when {@code keep}, else a scratch array of the current workspace. */
    INDArray keptOrScratch(boolean keep, String name, DataType type, long... shape) {
        return keep ? kept(name, type, shape) : Nd4j.createUninitialized(type, shape, 'c');
    }

    /** Keeps LayerNorm's saved state (see {@link #keep}). */
    LayerNormMath.Saved keep(String name, LayerNormMath.Saved saved) {
        return new LayerNormMath.Saved(keep(name + ".xhat", saved.xhat()), keep(name + ".rstd", saved.rstd()));
    }

    /** A [B, T, C] array as c-ordered [B*T, C] rows (a copy only if the layout needs one). */
    static INDArray rows(INDArray x, long width) {
        return x.reshape('c', x.length() / width, width);
    }

    /** a [N, K] x b [K, M] (each optionally transposed) into a fresh c-ordered array. */
    static INDArray mm(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long n = transposeA ? a.size(1) : a.size(0);
        long m = transposeB ? b.size(0) : b.size(1);
        INDArray out = Nd4j.createUninitialized(a.dataType(), new long[] {n, m}, 'c');
        return Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
    }
}
