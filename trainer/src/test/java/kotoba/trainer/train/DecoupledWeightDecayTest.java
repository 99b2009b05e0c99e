package kotoba.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class DecoupledWeightDecayTest {

    private static final GptConfig GPT = GptConfig.of(40, 8, 1, 16, 2);
    private static final TrainerConfig TRAINER = new TrainerConfig(1e-3, 1, 1e-4, 10, 4 * 8, 0.5, 0.9, 0.95, 1e-8,
            1.0, 0, 0, 0, 1L, 0, 1);

    @Test
    void stepsLikeDl4jsWeightDecayButAddsNothingToTheScore() {
        ComputationGraph[] twins = twinGraphs();
        ComputationGraph decoupled = twins[0];
        ComputationGraph dl4j = twins[1];
        assertTrue(dl4j.calcRegularizationScore(true) > 0, "DL4J's weight decay puts its penalty in the score");
        assertEquals(0.0, decoupled.calcRegularizationScore(true), 0.0);

        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, GPT.vocabSize());
        TokenBatch batch = batch();
        for (int step = 0; step < 3; step++) {
            decoupled.fit(encoder.encode(batch));
            dl4j.fit(encoder.encode(batch));
        }
        double maxAbs = decoupled.params().sub(dl4j.params()).amaxNumber().doubleValue();
        assertTrue(maxAbs < 1e-6, "the two weight decays stepped differently, by up to " + maxAbs);
        double penalty = dl4j.calcRegularizationScore(true) / 4;
        assertEquals(dl4j.score() - penalty, decoupled.score(), 1e-3, "scores differ by more than the penalty");
    }

    @Test
    void reportedLossesAreTheSameWithEitherKindOfWeightDecay() {
        // Checkpoints written before DecoupledWeightDecay carry DL4J's WeightDecay; the stepper takes its penalty out.
        ComputationGraph[] twins = twinGraphs();
        ComputationGraph decoupled = twins[0];
        ComputationGraph dl4j = twins[1];
        BatchEncoder encoder = new BatchEncoder(LabelLayout.INDICES, GPT.vocabSize());
        double a = new LocalStepper(decoupled, encoder, 4).fit(batch());
        double b = new LocalStepper(dl4j, encoder, 4).fit(batch());
        // DL4J adds the penalty at the weights before the step and the stepper removes it at those after it.
        assertEquals(a, b, 1e-3);
    }

    @Test
    void survivesTheConfigurationsJsonAndClone() {
        OptimizerSetup adamW = OptimizerSetup.adamW(TRAINER);
        ComputationGraphConfiguration conf = adamW.applyTo(GptModel.configuration(GPT, adamW.updater(), DataType.FLOAT));
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        List<Regularization> found = weightRegularizations(back);
        assertFalse(found.isEmpty(), "no layer has weight decay");
        for (Regularization r : found) {
            assertEquals(new DecoupledWeightDecay(0.5), r);
            assertEquals(DecoupledWeightDecay.class, r.clone().getClass());
        }
        assertNotEquals(new WeightDecay(0.5, true), new DecoupledWeightDecay(0.5));
        assertNotEquals(new DecoupledWeightDecay(0.5), new WeightDecay(0.5, true));
    }

    /** AdamW graphs with the same parameters: kotoba's weight decay, then DL4J's in its place. */
    private static ComputationGraph[] twinGraphs() {
        OptimizerSetup adamW = OptimizerSetup.adamW(TRAINER);
        ComputationGraph decoupled = adamW.newGraph(GptModel.configuration(GPT, adamW.updater(), DataType.FLOAT));
        ComputationGraph dl4j = new ComputationGraph(withDl4jWeightDecay(decoupled.getConfiguration().clone(), 0.5));
        dl4j.init(decoupled.params().dup(), false);
        return new ComputationGraph[] {decoupled, dl4j};
    }

    private static TokenBatch batch() {
        Random rnd = new Random(5);
        List<PackedBlock> blocks = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            int[] t = new int[9];
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextInt(GPT.vocabSize());
            }
            blocks.add(new PackedBlock(t, 9.0));
        }
        return new TokenBatch(blocks, Cursor.START);
    }

    /** {@code conf} with DL4J's own WeightDecay wherever it has weight decay (as older checkpoints were written). */
    private static ComputationGraphConfiguration withDl4jWeightDecay(ComputationGraphConfiguration conf, double wd) {
        for (GraphVertex v : conf.getVertices().values()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayerConf() == null) {
                continue;
            }
            List<Regularization> dl4j = new ArrayList<>(List.of(new WeightDecay(wd, true)));
            if (lv.getLayerConf().getLayer() instanceof BaseLayer b && !b.getRegularization().isEmpty()) {
                b.setRegularization(dl4j);
            } else if (lv.getLayerConf().getLayer() instanceof AbstractSameDiffLayer s
                    && !s.getRegularization().isEmpty()) {
                s.setRegularization(dl4j);
            }
        }
        return conf;
    }

    private static List<Regularization> weightRegularizations(ComputationGraphConfiguration conf) {
        List<Regularization> out = new ArrayList<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf() != null) {
                if (lv.getLayerConf().getLayer() instanceof BaseLayer b) {
                    out.addAll(b.getRegularization());
                } else if (lv.getLayerConf().getLayer() instanceof AbstractSameDiffLayer s) {
                    out.addAll(s.getRegularization());
                }
            }
        }
        return out;
    }
}
