package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.TokenBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
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
}
