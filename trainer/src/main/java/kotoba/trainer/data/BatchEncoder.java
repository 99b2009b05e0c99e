package kotoba.trainer.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;

/** Turns packed blocks into the DL4J {@code MultiDataSet} the GPT graph trains on: features [B, T] token ids as floats. */
public final class BatchEncoder implements Serializable {
    private final LabelLayout layout;
    private final int vocabSize;

    public BatchEncoder(LabelLayout layout, int vocabSize) {
        this.layout = layout;
        this.vocabSize = vocabSize;
    }

    public LabelLayout layout() {
        return layout;
    }

    /** Features are tokens[0..T), targets tokens[1..T]. */
    public MultiDataSet encode(TokenBatch batch) {
        int b = batch.size();
        int t = batch.context();
        float[] features = new float[b * t];
        float[] targets = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[] tokens = batch.blocks().get(i).tokens();
            if (tokens.length != t + 1) {
                throw new IllegalArgumentException("blocks in one batch must have equal length");
            }
            for (int j = 0; j < t; j++) {
                features[i * t + j] = tokens[j];
                targets[i * t + j] = tokens[j + 1];
            }
        }
        INDArray f = Nd4j.create(features, new long[]{b, t}, DataType.FLOAT);
        INDArray l = switch (layout) {
            case INDICES -> Nd4j.create(targets, new long[]{b, t}, DataType.FLOAT);
            case INDICES_NCW -> Nd4j.create(targets, new long[]{b, 1, t}, DataType.FLOAT);
            case ONE_HOT_NCW -> oneHot(targets, b, t);
        };
        return new MultiDataSet(f, l);
    }

    private INDArray oneHot(float[] targets, int b, int t) {
        float[] data = new float[b * vocabSize * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int id = (int) targets[i * t + j];
                data[(i * vocabSize + id) * t + j] = 1f;
            }
        }
        return Nd4j.create(data, new long[]{b, vocabSize, t}, DataType.FLOAT);
    }
}
