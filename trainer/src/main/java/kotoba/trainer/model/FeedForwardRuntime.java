package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELU;
import org.nd4j.linalg.api.ops.impl.transforms.strict.GELUDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link FeedForward}: y = GELU(LN(x) W1 + b1) W2 + b2 on [B*T, C] rows, backward by hand.
 * GELU and its derivative are ND4J's GELU / GELUDerivative ops, the pair SameDiff's {@code gelu} differentiates with;
 * on the CPU backend LayerNorm is {@link LayerNormKernel}, the first bias with GELU {@link GeluKernel} (the same
 * function) and the second bias's sums {@link ColumnSums} (see {@link CpuKernels}).
 */
final class FeedForwardRuntime extends PreNormBlockRuntime {

    private LayerNormMath.Saved ln;
    private INDArray h;
    private INDArray pre;
    private INDArray act;

    FeedForwardRuntime(NeuralNetConfiguration conf, DataType dataType, int dModel) {
        super(conf, dataType, dModel);
    }

    @Override
    INDArray forwardKernels(INDArray x, boolean keep) {
        Map<String, INDArray> p = paramTable();
        DataType type = x.dataType();
        long n = x.length() / dModel;
        long hidden = p.get("wfc").size(1);
        INDArray normed = normalizeInput(x, keep);
        INDArray a = keptOrScratch(keep, "pre", type, n, hidden);
        Nd4j.gemm(normed, p.get("wfc"), a, false, false, 1.0, 0.0);
        INDArray g = keptOrScratch(keep, "act", type, n, hidden);
        GeluKernel.forward(a, p.get("bfc"), g);
        INDArray y = mm(g, p.get("wproj"), false, false).addiRowVector(p.get("bproj"));
        return y.reshape('c', x.shape());
    }

    @Override
    INDArray backwardKernels(INDArray dy, Map<String, INDArray> grads) {
        Map<String, INDArray> p = paramTable();
        INDArray d = HostRows.contiguousC(rows(dy, dModel));
        Nd4j.gemm(kept("act"), d, grads.get("wproj"), true, false, 1.0, 0.0);
        ColumnSums.into(d, grads.get("bproj"));
        INDArray da = mm(d, p.get("wproj"), false, true);
        GeluKernel.backward(kept("pre"), da, grads.get("bfc"));
        Nd4j.gemm(kept("h"), da, grads.get("wfc"), true, false, 1.0, 0.0);
        INDArray dh = mm(da, p.get("wfc"), false, true);
        return normalizeInputBackward(dh, dy, grads);
    }

    @Override
    INDArray forwardOps(INDArray x, boolean keep) {
        Map<String, INDArray> p = paramTable();
        LayerNormMath.Saved[] saved = new LayerNormMath.Saved[1];
        INDArray normed = LayerNormMath.forward(rows(x, dModel), p.get("lng"), p.get("lnb"), saved);
        INDArray a = mm(normed, p.get("wfc"), false, false).addiRowVector(p.get("bfc"));
        INDArray g = Nd4j.exec(new GELU(a, a.ulike()));
        INDArray y = mm(g, p.get("wproj"), false, false).addiRowVector(p.get("bproj"));
        if (keep) {
            ln = keep("ln", saved[0]);
            h = keep("h", normed);
            pre = keep("pre", a);
            act = keep("act", g);
        }
        return y.reshape('c', x.shape());
    }

    @Override
    INDArray backwardOps(INDArray dy, Map<String, INDArray> grads) {
        Map<String, INDArray> p = paramTable();
        INDArray d = rows(dy, dModel);
        grads.get("wproj").assign(mm(act, d, true, false));
        grads.get("bproj").assign(d.sum(0));
        INDArray da = mm(d, p.get("wproj"), false, true);
        da.muli(Nd4j.exec(new GELUDerivative(pre, pre.ulike())));
        grads.get("wfc").assign(mm(h, da, true, false));
        grads.get("bfc").assign(da.sum(0));
        INDArray dh = mm(da, p.get("wfc"), false, true);
        INDArray dx = LayerNormMath.backward(dh, p.get("lng"), ln, grads.get("lng"), grads.get("lnb"));
        return dx.reshape('c', dy.shape());
    }
}
