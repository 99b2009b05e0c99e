package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.ParquetTokenDocs;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.data.ValidationBlocks;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class ResumeTest {
    static final int K = 3;

    @TempDir
    Path tmp;

    TrainerConfig config() {
        return new TrainerConfig(1e-2, 2, 1e-3, 2 * K, 4 * TinyLm.T, 0.1, 0.9, 0.95, 1e-8, 1.0, 2, 2, K, 5L, 8, 1);
    }

    LocalTrainer trainer(String corpus, String checkpoints, InMemorySink sink, PrintStream console) {
        Configuration conf = new Configuration();
        Function<Cursor, TokenBlockReader> readers = c -> new TokenBlockReader(
                new ParquetTokenDocs(corpus, "train", TinyLm.VOCAB, conf), TinyLm.T, TinyLm.EOS, 5L, 8, c);
        List<TokenBatch> val = ValidationBlocks.batches(ValidationBlocks.load(
                new ParquetTokenDocs(corpus, "val", TinyLm.VOCAB, conf), TinyLm.T, TinyLm.EOS, 8), 4);
        ComputationGraph probe = OptimizerSetup.adamW(config()).newGraph(TinyLm.configuration());
        return new LocalTrainer(config(), TinyLm.info(probe.numParams()), readers, val,
                new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), sink,
                new CheckpointStore(checkpoints, conf, 2), console);
    }

    @Test
    void checkpointThenResumeGivesTheSameParametersAsTrainingStraight() throws Exception {
        String corpus = TinyLm.corpus(tmp, 1);
        ComputationGraph initial = OptimizerSetup.adamW(config()).newGraph(TinyLm.configuration());
        INDArray initialParams = initial.params().dup();

        InMemorySink straightRows = new InMemorySink();
        ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
        LocalTrainer straight = trainer(corpus, tmp.resolve("ck-straight").toString(), straightRows,
                new PrintStream(consoleBytes, true));
        TrainingState end = straight.train(initial, "run-a", 2 * K);
        assertEquals(2 * K, end.step());
        INDArray straightParams = straight.loadCheckpoint(2 * K).params();

        InMemorySink firstRows = new InMemorySink();
        String split = tmp.resolve("ck-split").toString();
        TrainingState half = trainer(corpus, split, firstRows, null)
                .train(OptimizerSetup.adamW(config()).newGraph(TinyLm.configuration()), "run-b", K);
        assertEquals(K, half.step());
        InMemorySink secondRows = new InMemorySink();
        LocalTrainer second = trainer(corpus, split, secondRows, null);
        TrainingState resumed = second.resume(2 * K);
        assertEquals(end.cursor(), resumed.cursor());
        assertEquals(end.tokensSeen(), resumed.tokensSeen());
        INDArray resumedParams = second.loadCheckpoint(2 * K).params();

        assertFalse(straightParams.equalsWithEps(initialParams, 1e-4), "training should move the parameters");
        assertTrue(straightParams.equalsWithEps(resumedParams, 1e-6), "resumed run diverged from the straight run");
        for (int i = 0; i < K; i++) {
            assertEquals(straightRows.rows.get(K + i).trainLoss(), secondRows.rows.get(i).trainLoss(), 1e-6);
            assertEquals(straightRows.rows.get(K + i).lr(), secondRows.rows.get(i).lr(), 1e-12);
        }
        // Rows carry the run's numbers; validation only on eval steps.
        MetricsRow row2 = straightRows.rows.get(1);
        assertEquals(2, row2.step());
        assertEquals(2L * 4 * TinyLm.T, row2.tokensSeen());
        assertEquals(6.0 * row2.params() * row2.tokensSeen(), row2.flops(), 1e-6);
        assertFalse(Double.isNaN(row2.valLoss()));
        assertEquals(Math.exp(row2.valLoss()), row2.valPerplexity(), 1e-9);
        assertTrue(Double.isNaN(straightRows.rows.get(0).valLoss()));
        assertTrue(consoleBytes.toString().contains("tok/s"));
    }
}
