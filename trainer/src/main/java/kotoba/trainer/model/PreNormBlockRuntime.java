package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the two residual branches of a block that start with LayerNorm (attention and MLP): picks the Java-kernel
 * or the ND4J-op implementation on every call (see {@link CpuKernels}) and, on the kernel path, normalises the
 * input straight into the kept buffers and back.
 */
abstract class PreNormBlockRuntime extends ManualBackpropLayer {

    final int dModel;

    PreNormBlockRuntime(NeuralNetConfiguration conf, DataType dataType, int dModel) {
        super(conf, dataType);
        this.dModel = dModel;
    }

    abstract INDArray forwardKernels(INDArray x, boolean keep);

    abstract INDArray forwardOps(INDArray x, boolean keep);

    abstract INDArray backwardKernels(INDArray dy, Map<String, INDArray> grads);

    abstract INDArray backwardOps(INDArray dy, Map<String, INDArray> grads);

    @Override
    final INDArray forward(INDArray x, boolean keep) {
        return CpuKernels.enabled(x.dataType()) ? forwardKernels(x, keep) : forwardOps(x, keep);
    }

    @Override
    final INDArray backward(INDArray dy, Map<String, INDArray> grads) {
        return CpuKernels.enabled(dy.dataType()) ? backwardKernels(dy, grads) : backwardOps(dy, grads);
    }

    /** LN(x) as [N, C] rows, into the kept buffer "h" with its saved state when {@code keep}, else scratch. */
    INDArray normalizeInput(INDArray x, boolean keep) {
        Map<String, INDArray> p = paramTable();
        DataType type = x.dataType();
        long n = x.length() / dModel;
        INDArray normed = keptOrScratch(keep, "h", type, n, dModel);
        INDArray xhat = keep ? kept("ln.xhat", type, n, dModel) : null;
        INDArray rstd = keep ? kept("ln.rstd", type, n) : null;
        LayerNormKernel.forward(rows(x, dModel), p.get("lng"), p.get("lnb"), normed, xhat, rstd);
        return normed;
    }

    /** dL/dx of the input LayerNorm for dL/dLN(x) {@code dh}, shaped like {@code dy}; writes the LN gradients. */
    INDArray normalizeInputBackward(INDArray dh, INDArray dy, Map<String, INDArray> grads) {
        INDArray dx = LayerNormKernel.backward(dh, paramTable().get("lng"), kept("ln.xhat"), kept("ln.rstd"),
                grads.get("lng"), grads.get("lnb"));
        return dx.reshape('c', dy.shape());
    }
}
