package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link CausalSelfAttention}: causal multi-head attention of LN(x), forward and backward by hand.
 * On the CPU backend the attention core is {@link CausalAttentionKernel} and LayerNorm {@link LayerNormKernel};
 * elsewhere ND4J ops with batched matmuls over [B, nh, T, hs] (see {@link CpuKernels}).
 *
 * <p>Backward of the attention probabilities P = softmax(S): dS = P * (dP - rowsum(dP * P)); masked positions have
 * P = 0 and so get no gradient.
 */
final class AttentionRuntime extends PreNormBlockRuntime {

    private final int contextLength;
    private final int nHead;
    private final INDArray mask;
    private LayerNormMath.Saved ln;
    private INDArray h;
    private INDArray q;
    private INDArray k;
    private INDArray v;
    private INDArray probs;
    private INDArray merged;

    AttentionRuntime(NeuralNetConfiguration conf, DataType dataType, int contextLength, int dModel, int nHead) {
        super(conf, dataType, dModel);
        this.contextLength = contextLength;
        this.nHead = nHead;
        this.mask = CausalSelfAttention.causalMask(contextLength, dataType);
    }

    @Override
    INDArray forwardKernels(INDArray x, boolean keep) {
        Map<String, INDArray> p = paramTable();
        DataType type = x.dataType();
        long b = x.size(0);
        long n = b * contextLength;
        INDArray normed = normalizeInput(x, keep);
        INDArray qkv = keptOrScratch(keep, "qkv", type, n, 3L * dModel);
        Nd4j.gemm(normed, p.get("wqkv"), qkv, false, false, 1.0, 0.0).addiRowVector(p.get("bqkv"));
        INDArray att = keptOrScratch(keep, "probs", type, b, nHead, contextLength, contextLength);
        INDArray y = keptOrScratch(keep, "merged", type, n, dModel);
        kernel(b).forward(qkv, att, y);
        INDArray out = mm(y, p.get("wo"), false, false).addiRowVector(p.get("bo"));
        return out.reshape('c', x.shape());
    }

    @Override
    INDArray backwardKernels(INDArray dy, Map<String, INDArray> grads) {
        Map<String, INDArray> p = paramTable();
        INDArray d = HostRows.contiguousC(rows(dy, dModel));
        long n = d.size(0);
        long b = n / contextLength;
        DataType type = d.dataType();
        Nd4j.gemm(kept("merged"), d, grads.get("wo"), true, false, 1.0, 0.0);
        ColumnSums.into(d, grads.get("bo"));
        INDArray dY = mm(d, p.get("wo"), false, true);
        INDArray dS = Nd4j.createUninitialized(type, new long[] {b, nHead, contextLength, contextLength}, 'c');
        INDArray dQkv = Nd4j.createUninitialized(type, new long[] {n, 3L * dModel}, 'c');
        kernel(b).backward(kept("qkv"), kept("probs"), dY, dS, dQkv);
        Nd4j.gemm(kept("h"), dQkv, grads.get("wqkv"), true, false, 1.0, 0.0);
        ColumnSums.into(dQkv, grads.get("bqkv"));
        INDArray dh = mm(dQkv, p.get("wqkv"), false, true);
        return normalizeInputBackward(dh, dy, grads);
    }

    private CausalAttentionKernel kernel(long batch) {
        return new CausalAttentionKernel(Math.toIntExact(batch), contextLength, dModel, nHead);
    }

    @Override
    INDArray forwardOps(INDArray x, boolean keep) {
        Map<String, INDArray> p = paramTable();
        int t = contextLength;
        int hs = dModel / nHead;
        long b = x.size(0);
        LayerNormMath.Saved[] saved = new LayerNormMath.Saved[1];
        INDArray normed = LayerNormMath.forward(rows(x, dModel), p.get("lng"), p.get("lnb"), saved);
        INDArray qkv = mm(normed, p.get("wqkv"), false, false).addiRowVector(p.get("bqkv"));
        // [B*T, 3C] -> [B, T, 3, nh, hs] -> [3, B, nh, T, hs]
        INDArray split = qkv.reshape('c', b, t, 3, nHead, hs).permute(2, 0, 3, 1, 4);
        INDArray qs = split.slice(0).dup('c').muli(1.0 / Math.sqrt(hs));
        INDArray ks = split.slice(1).dup('c');
        INDArray vs = split.slice(2).dup('c');
        // scores [B, nh, T, T] + causal mask, softmax over keys in place
        INDArray att = Nd4j.matmul(qs, ks, false, true, false);
        INDArray flat = att.reshape('c', b * nHead, t, t);
        Nd4j.exec(new BroadcastAddOp(flat, mask, flat, 1, 2));
        Nd4j.exec(new SoftMax(att, att, 3));
        // [B, nh, T, hs] -> [B, T, nh, hs] -> [B*T, C]
        INDArray y = Nd4j.matmul(att, vs, false, false, false).permute(0, 2, 1, 3).dup('c').reshape('c', b * t, dModel);
        INDArray out = mm(y, p.get("wo"), false, false).addiRowVector(p.get("bo"));
        if (keep) {
            ln = keep("ln", saved[0]);
            h = keep("h", normed);
            q = keep("q", qs);
            k = keep("k", ks);
            v = keep("v", vs);
            probs = keep("probs", att);
            merged = keep("merged", y);
        }
        return out.reshape('c', x.shape());
    }

    @Override
    INDArray backwardOps(INDArray dy, Map<String, INDArray> grads) {
        Map<String, INDArray> p = paramTable();
        int t = contextLength;
        int hs = dModel / nHead;
        INDArray d = rows(dy, dModel);
        long b = d.size(0) / t;
        grads.get("wo").assign(mm(merged, d, true, false));
        grads.get("bo").assign(d.sum(0));
        // [B*T, C] -> [B, nh, T, hs]
        INDArray dY = mm(d, p.get("wo"), false, true).reshape('c', b, t, nHead, hs).permute(0, 2, 1, 3).dup('c');
        INDArray dP = Nd4j.matmul(dY, v, false, true, false);
        INDArray dV = Nd4j.matmul(probs, dY, true, false, false);
        // dS = P * (dP - rowsum(dP * P)), on [B*nh*T, T] rows
        INDArray p2 = probs.reshape('c', b * nHead * t, t);
        INDArray dS2 = dP.reshape('c', b * nHead * t, t);
        INDArray rowDot = dS2.mul(p2).sum(1);
        dS2.subiColumnVector(rowDot).muli(p2);
        INDArray dS = dS2.reshape('c', b, nHead, t, t);
        INDArray dQ = Nd4j.matmul(dS, k, false, false, false).muli(1.0 / Math.sqrt(hs));
        INDArray dK = Nd4j.matmul(dS, q, true, false, false);
        // [3, B, nh, T, hs] -> [B, T, 3, nh, hs] -> [B*T, 3C]
        INDArray dQkv = Nd4j.stack(0, dQ, dK, dV).permute(1, 3, 0, 2, 4).dup('c').reshape('c', b * t, 3L * dModel);
        grads.get("wqkv").assign(mm(h, dQkv, true, false));
        grads.get("bqkv").assign(dQkv.sum(0));
        INDArray dh = mm(dQkv, p.get("wqkv"), false, true);
        INDArray dx = LayerNormMath.backward(dh, p.get("lng"), ln, grads.get("lng"), grads.get("lnb"));
        return dx.reshape('c', dy.shape());
    }
}
