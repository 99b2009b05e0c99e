package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class OverfitTest {

    @BeforeAll
    static void floatPrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void smoke() {
        GptConfig cfg = GptConfig.of(30, 8, 2, 16, 2);
        ComputationGraph g = GptModel.build(cfg, new Adam(1e-2));
        INDArray x = Nd4j.create(new float[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 8, 7, 6, 5, 4, 3, 2}});
        INDArray y = Nd4j.create(new float[][] {{2, 3, 4, 5, 6, 7, 8, 9}, {8, 7, 6, 5, 4, 3, 2, 1}});
        INDArray out = g.outputSingle(x);
        System.out.println(java.util.Arrays.toString(out.shape()));
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < 200; i++) {
            g.fit(ds);
            if (i % 20 == 0) System.out.println(i + " " + g.score());
        }
        assertTrue(g.score() < 0.05);
    }
}
