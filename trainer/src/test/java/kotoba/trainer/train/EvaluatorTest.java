package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.TokenBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EvaluatorTest {
    @Test
    void lossFromLogitsMatchesTheNetworkScoreAndBitsPerByteUsesTargetBytes() {
        ComputationGraph graph = new OptimizerSetup(new Sgd(0.1), 0, 0).newGraph(TinyLm.configuration());
        Random rng = new Random(4);
        List<PackedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int[] tokens = new int[TinyLm.T + 1];
            for (int j = 0; j < tokens.length; j++) {
                tokens[j] = rng.nextInt(TinyLm.VOCAB);
            }
            blocks.add(new PackedBlock(tokens, 10.0 + i));
        }
        TokenBatch batch = new TokenBatch(blocks, Cursor.START);
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB);

        EvalResult r = Evaluator.evaluate(graph, List.of(batch), encoder);
        // Without regularisation the score is the mean cross-entropy per token too: two independent routes.
        assertEquals(graph.score(encoder.encode(batch)), r.loss(), 1e-4);
        assertEquals(3L * TinyLm.T, r.tokens());
        assertEquals(33.0, r.bytes(), 1e-9);
        assertEquals(r.loss() * r.tokens() / (Math.log(2) * 33.0), r.bitsPerByte(), 1e-9);
        // An untrained model is near uniform over the vocabulary.
        assertEquals(Math.log(TinyLm.VOCAB), r.loss(), 1.0);
    }

    @Test
    void aTargetWhoseProbabilityUnderflowsKeepsItsExactLossFromItsOwnPosition() {
        int vocab = 4;
        int t = 3;
        Random rng = new Random(9);
        List<PackedBlock> blocks = new ArrayList<>();
        double[][][] raw = new double[2][t][vocab];
        for (int b = 0; b < 2; b++) {
            int[] tokens = new int[t + 1];
            for (int j = 0; j < tokens.length; j++) {
                tokens[j] = rng.nextInt(vocab);
            }
            blocks.add(new PackedBlock(tokens, 4.0));
            for (int i = 0; i < t; i++) {
                for (int v = 0; v < vocab; v++) {
                    raw[b][i][v] = rng.nextGaussian();
                }
            }
        }
        TokenBatch batch = new TokenBatch(blocks, Cursor.START);
        // position (1, 1): its target 500 nats below the rest, a probability that is zero in float
        int target = blocks.get(1).tokens()[2];
        for (int v = 0; v < vocab; v++) {
            raw[1][1][v] = v == target ? -500 : 0;
        }
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < t; i++) {
                double sumExp = 0;
                for (double x : raw[b][i]) {
                    sumExp += Math.exp(x);
                }
                expected += Math.log(sumExp) - raw[b][i][blocks.get(b).tokens()[i + 1]];
            }
        }
        INDArray logits = Nd4j.create(raw).castTo(DataType.FLOAT);
        assertEquals(expected, Evaluator.sumNats(logits, batch), 1e-4);
        assertTrue(expected > 500, "the underflowed position's loss is in the sum");
    }
}
