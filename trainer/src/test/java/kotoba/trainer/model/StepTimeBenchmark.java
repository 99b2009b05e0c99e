package kotoba.trainer.model;

import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Hand-run measurement (not a unit test) of one training step at the reference shape
 * d=128, 4 heads, 2 layers, T=128, V=4096, batch 16. Args: [steps] [warmup].
 */
public final class StepTimeBenchmark {

    private StepTimeBenchmark() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        GptConfig cfg = GptConfig.of(4096, 128, 2, 128, 4);
        int batch = 16;
        ComputationGraph graph = GptModel.build(cfg, new Adam(3e-4));
        ParamCount params = ParamCount.of(graph);
        System.out.printf("params total=%d nonEmbedding=%d embedding=%d head=%d, train FLOPs/token=%d (with head %d)%n",
                params.total(), params.nonEmbedding(), params.embedding(), params.head(),
                Flops.trainingPerToken(cfg, params, false), Flops.trainingPerToken(cfg, params, true));
        Random random = new Random(1);
        INDArray x = Nd4j.zeros(DataType.FLOAT, batch, cfg.contextLength());
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, cfg.contextLength());
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < cfg.contextLength(); t++) {
                x.putScalar(b, t, random.nextInt(cfg.vocabSize()));
                y.putScalar(b, t, random.nextInt(cfg.vocabSize()));
            }
        }
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < warmup; i++) {
            long t0 = System.nanoTime();
            graph.fit(ds);
            System.out.printf("warmup step %d: %.3f s, loss %.4f%n", i, (System.nanoTime() - t0) / 1e9, graph.score());
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            graph.fit(ds);
        }
        double perStep = (System.nanoTime() - start) / 1e9 / steps;
        System.out.printf("%d steps: %.3f s/step, %.0f tokens/s, last loss %.4f%n",
                steps, perStep, batch * cfg.contextLength() / perStep, graph.score());
    }
}
