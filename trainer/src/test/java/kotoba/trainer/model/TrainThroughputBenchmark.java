package kotoba.trainer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.train.LocalStepper;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.TrainerConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-run benchmark main (not a unit test) behind {@code bench/train_throughput.sh}: trains kotoba's GPT through
 * the trainer's own step ({@link LocalStepper}, AdamW, per-layer clipping) on a token file, or measures ND4J's
 * fp32 matmul rate. Prints one JSON line ({@code -Dkotoba.bench.side=NAME} names the side, e.g. for a run with an
 * older build of the model's classes ahead on the classpath).
 *
 * <pre>
 *   train TOKENS_FILE vocab context batch d layers heads warmupSteps seconds minSteps
 *   mm    n reps
 * </pre>
 */
public final class TrainThroughputBenchmark {

    private TrainThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        if (args.length == 3 && args[0].equals("mm")) {
            matmul(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 11 && args[0].equals("train")) {
            int[] n = new int[9];
            for (int i = 0; i < 9; i++) {
                n[i] = Integer.parseInt(args[i + 2]);
            }
            train(Path.of(args[1]), n[0], n[1], n[2], n[3], n[4], n[5], n[6], Double.parseDouble(args[9]), n[8]);
        } else {
            System.err.println("usage: train TOKENS vocab context batch d layers heads warmup seconds minSteps"
                    + " | mm n reps");
            System.exit(2);
        }
    }

    static void train(Path tokensFile, int vocab, int context, int batch, int d, int layers, int heads, int warmup,
                      double seconds, int minSteps) throws IOException {
        int[] tokens = readTokens(tokensFile, vocab);
        int perStep = batch * (context + 1);
        int nBatches = tokens.length / perStep;
        if (nBatches < 1) {
            throw new IllegalArgumentException("token file holds " + tokens.length + " tokens, fewer than one batch");
        }
        GptConfig config = GptConfig.of(vocab, context, layers, d, heads);
        TrainerConfig trainer = new TrainerConfig(3e-4, 0, 3e-4, 1_000_000, batch * context, 0.1, 0.9, 0.95, 1e-8,
                1.0, 0, 0, 0, 1L, 0, 1);
        ComputationGraph graph = OptimizerSetup.adamW(trainer)
                .newGraph(GptModel.configuration(config, OptimizerSetup.adamW(trainer).updater(), DataType.FLOAT));
        ParamCount params = ParamCount.of(graph);
        LocalStepper stepper = new LocalStepper(graph, new BatchEncoder(LabelLayout.INDICES, vocab), batch);
        long t0 = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            stepper.fit(batch(tokens, i % nBatches, batch, context));
        }
        double warmupSeconds = (System.nanoTime() - t0) / 1e9;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int steps = 0;
        double loss = Double.NaN;
        while (steps < minSteps || System.nanoTime() < deadline) {
            loss = stepper.fit(batch(tokens, (warmup + steps) % nBatches, batch, context));
            steps++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"side\": \"%s\", \"steps\": %d, \"seconds\": %.3f, \"tokens_per_s\": %.1f, "
                        + "\"loss\": %.4f, \"params\": %d, \"params_head\": %d, \"warmup_seconds\": %.2f, "
                        + "\"flops_per_token_no_head\": %d, \"flops_per_token_with_head\": %d}%n",
                System.getProperty("kotoba.bench.side", "kotoba"), steps, elapsed, steps * (double) batch * context / elapsed, loss, params.total(), params.head(),
                warmupSeconds, Flops.trainingPerToken(config, params, false),
                Flops.trainingPerToken(config, params, true));
    }

    /** Block j of batch i is tokens[(i*B + j)*(T+1), +T+1): the same slicing as train_gpt_torch.py. */
    static TokenBatch batch(int[] tokens, int index, int batch, int context) {
        List<PackedBlock> blocks = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) {
            int from = (index * batch + j) * (context + 1);
            int[] block = new int[context + 1];
            System.arraycopy(tokens, from, block, 0, context + 1);
            blocks.add(new PackedBlock(block, context));
        }
        return new TokenBatch(blocks, Cursor.START);
    }

    /** A flat little-endian int32 token file, every id checked against the vocabulary. */
    public static int[] readTokens(Path file, int vocab) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(out);
        for (int id : out) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException(file + " holds id " + id + " outside [0, " + vocab + ")");
            }
        }
        return out;
    }

    /** The trainer's own call (ManualBackpropLayer.mm): Nd4j.gemm of c-ordered arrays into a c-ordered output. */
    static void matmul(int n, int reps) {
        INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray b = Nd4j.randn(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double best = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        System.out.printf("{\"side\": \"%s-mm\", \"n\": %d, \"gflops\": %.1f}%n",
                System.getProperty("kotoba.bench.side", "nd4j"), n, best);
    }
}
