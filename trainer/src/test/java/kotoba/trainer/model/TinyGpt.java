package kotoba.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared fixtures: the tiny model shape the tests use and a helper to turn id rows into DL4J arrays. */
final class TinyGpt {

    static final int VOCAB = 30;
    static final int T = 8;
    static final int LAYERS = 2;
    static final int D = 16;
    static final int HEADS = 2;

    private TinyGpt() {
    }

    static GptConfig config() {
        return GptConfig.of(VOCAB, T, LAYERS, D, HEADS);
    }

    /** Rows of ids as a [rows, cols] array of the given floating type, the way DL4J is fed token ids. */
    static INDArray ids(DataType type, int[][] rows) {
        INDArray out = Nd4j.zeros(type, rows.length, rows[0].length);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                out.putScalar(r, c, rows[r][c]);
            }
        }
        return out;
    }
}
