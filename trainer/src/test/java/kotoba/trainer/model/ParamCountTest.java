package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class ParamCountTest {

    @BeforeAll
    static void floatPrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void countsMatchTheGpt2Formula() {
        GptConfig cfg = GptConfig.of(30, 8, 2, 16, 2);
        ParamCount count = ParamCount.of(GptModel.build(cfg, new Adam(1e-3)));
        long v = 30, t = 8, l = 2, d = 16;
        // Per block: two LayerNorms (2d each), qkv (3d^2 + 3d), attention out (d^2 + d), MLP in (4d^2 + 4d),
        // MLP out (4d^2 + d): 12 d^2 + 13 d.
        long perBlock = 12 * d * d + 13 * d;
        long embedding = v * d + t * d;
        long head = d * v;
        long finalNorm = 2 * d;
        assertEquals(embedding, count.embedding());
        assertEquals(head, count.head());
        assertEquals(l * perBlock + finalNorm, count.nonEmbedding());
        assertEquals(embedding + l * perBlock + finalNorm + head, count.total());
    }

    @Test
    void nonDefaultMlpWidthIsCounted() {
        GptConfig cfg = GptConfig.of(50, 4, 1, 8, 2).withDff(20);
        ComputationGraph graph = GptModel.build(cfg, new Adam(1e-3));
        long d = 8, f = 20;
        long block = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (d * f + f) + (f * d + d);
        assertEquals(block + 2 * d, ParamCount.of(graph).nonEmbedding());
        assertEquals(graph.numParams(), ParamCount.of(graph).total());
    }

    @Test
    void aConfigurationIsCountedWithoutBuildingItsGraph() {
        for (GptConfig cfg : new GptConfig[] {GptConfig.of(30, 8, 2, 16, 2), GptConfig.of(50, 4, 1, 8, 2).withDff(20),
                GptConfig.of(97, 16, 3, 24, 3).withDropout(0.1)}) {
            ParamCount built = ParamCount.of(GptModel.build(cfg, new Adam(1e-3)));
            ParamCount planned = ParamCount.of(GptModel.configuration(cfg, new Adam(1e-3), DataType.FLOAT));
            assertEquals(built, planned, cfg.toString());
            assertEquals(built.total(), ParamCount.total(GptModel.configuration(cfg, new Adam(1e-3), DataType.FLOAT)),
                    cfg.toString());
        }
    }

    @Test
    void flopsFollowKaplanTableOne() {
        GptConfig cfg = GptConfig.of(30, 8, 2, 16, 2);
        ParamCount count = new ParamCount(10_000, 600, 480);
        long n = 10_000 - 600 - 480;
        assertEquals(6 * n + 6 * 2 * 8 * 16, Flops.trainingPerToken(cfg, count, false));
        assertEquals(6 * n + 6 * 2 * 8 * 16 + 6 * 16 * 30, Flops.trainingPerToken(cfg, count, true));
        assertThrows(IllegalArgumentException.class, () -> Flops.trainingPerToken(-1, 1, 1, 1, 1, false));
    }

    @Test
    void tiedEmbeddingsAreRejectedWithAReason() {
        GptConfig tied = GptConfig.of(30, 8, 2, 16, 2).withTieEmbeddings(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GptModel.build(tied, new Adam(1e-3)));
        assertEquals(true, e.getMessage().contains("tieEmbeddings"), e.getMessage());
    }
}
