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
 * GELU and its derivative are ND4J's GELU / GELUDerivative ops, the pair SameDiff's {@code gelu} differentiates with.
 */
final class FeedForwardRuntime extends ManualBackpropLayer {

    private final int dModel;
    private LayerNormMath.Saved ln;
    private INDArray h;
    private INDArray pre;
    private INDArray act;

    FeedForwardRuntime(NeuralNetConfiguration conf, DataType dataType, int dModel) {
        super(conf, dataType);
        this.dModel = dModel;
    }

    @Override
    INDArray forward(INDArray x, boolean keep) {
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
    INDArray backward(INDArray dy, Map<String, INDArray> grads) {
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
