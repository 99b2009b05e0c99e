package kotoba.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.GptModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The train loss a step reports is the batch's cross-entropy, with no weight-decay penalty in or subtracted. */
class TrainLossTest {
  @Test
  void reportedTrainLossEqualsTheBatchCrossEntropyUnderStrongWeightDecay() {
    GptConfig gpt = GptConfig.of(40, 8, 1, 16, 2);
    TrainerConfig cfg = new TrainerConfig(1e-3, 1, 1e-4, 10, 4 * 8, 0.5, 0.9, 0.95, 1e-8, 1.0, 0, 0, 0, 1L, 0, 1);
    OptimizerSetup opt = OptimizerSetup.adamW(cfg);
    ComputationGraph graph = opt.newGraph(GptModel.configuration(gpt, opt.updater(), DataType.FLOAT));
    Random rnd = new Random(5);
    List<PackedBlock> blocks = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      int[] t = new int[9];
      for (int i = 0; i < t.length; i++) t[i] = rnd.nextInt(40);
      blocks.add(new PackedBlock(t, 9.0));
    }
    TokenBatch batch = new TokenBatch(blocks, Cursor.START);
    BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, 40);
    double before = Evaluator.evaluate(graph, List.of(batch), encoder).loss();
    double reported = new LocalStepper(graph, encoder, 4).fit(batch);
    assertEquals(before, reported, 1e-3, "reported train loss must be the pre-step cross-entropy of the batch");
  }
}
