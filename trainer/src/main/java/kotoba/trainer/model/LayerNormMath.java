package kotoba.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LayerNorm over the last axis of a [N, C] matrix, forward and backward by hand, for the layers that run their own
 * backward pass instead of SameDiff's (which recomputes the forward pass and adds per-op overhead): as ND4J ops, or
 * on the CPU backend through {@link LayerNormKernel} (see {@link CpuKernels}).
 *
 * <p>y = (x - mean) / sqrt(var + eps) * gain + shift, with the biased variance and eps inside the root, as in
 * PyTorch's {@code nn.LayerNorm}.
 */
final class LayerNormMath {

    static final double EPS = 1e-5;

    private LayerNormMath() {
    }

    /** What the backward pass needs from the forward pass: the normalised input and 1/std per row. */
    record Saved(INDArray xhat, INDArray rstd) {
    }

    /** Normalises {@code x} [N, C] (not modified); returns y and fills {@code saved[0]} for the backward pass. */
    static INDArray forward(INDArray x, INDArray gain, INDArray shift, Saved[] saved) {
        if (CpuKernels.enabled(x.dataType())) {
            long[] shape = {x.size(0), x.size(1)};
            INDArray y = Nd4j.createUninitialized(x.dataType(), shape, 'c');
            INDArray xhat = saved == null ? null : Nd4j.createUninitialized(x.dataType(), shape, 'c');
            INDArray rstd = saved == null ? null : Nd4j.createUninitialized(x.dataType(), new long[] {shape[0]}, 'c');
            LayerNormKernel.forward(x, gain, shift, y, xhat, rstd);
            if (saved != null) {
                saved[0] = new Saved(xhat, rstd);
            }
            return y;
        }
        INDArray mean = x.mean(1);
        INDArray xhat = x.subColumnVector(mean);
        long c = x.size(1);
        INDArray var = xhat.mul(xhat).sum(1).divi(c);
        INDArray rstd = Transforms.pow(var.addi(EPS), -0.5, false);
        xhat.muliColumnVector(rstd);
        if (saved != null) {
            saved[0] = new Saved(xhat, rstd);
        }
        return xhat.mulRowVector(gain).addiRowVector(shift);
    }

    /**
     * Given dL/dy [N, C], writes dL/dgain and dL/dshift into {@code gainGrad} and {@code shiftGrad} and returns
     * dL/dx = rstd * (g - mean(g) - xhat * mean(g * xhat)) with g = dL/dy * gain.
     */
    static INDArray backward(INDArray dy, INDArray gain, Saved saved, INDArray gainGrad, INDArray shiftGrad) {
        if (CpuKernels.enabled(dy.dataType())) {
            return LayerNormKernel.backward(dy, gain, saved.xhat(), saved.rstd(), gainGrad, shiftGrad);
        }
        INDArray xhat = saved.xhat();
        gainGrad.assign(dy.mul(xhat).sum(0));
        shiftGrad.assign(dy.sum(0));
        INDArray g = dy.mulRowVector(gain);
        INDArray meanG = g.mean(1);
        INDArray meanGx = g.mul(xhat).mean(1);
        return g.subiColumnVector(meanG).subi(xhat.mulColumnVector(meanGx)).muliColumnVector(saved.rstd());
    }
}
