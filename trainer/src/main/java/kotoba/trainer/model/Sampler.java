package kotoba.trainer.model;

import java.util.Arrays;
import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Generates token ids from a GPT graph: greedy, or sampled with temperature and optional top-k, from a seeded RNG.
 *
 * <p>The graph only takes sequences of exactly {@code contextLength}, so the (cropped) context is left-aligned and
 * padded with id 0; causal attention makes the logits at the last real position independent of the padding.
 */
public final class Sampler {

    private final ComputationGraph graph;
    private final GptConfig config;

    public Sampler(ComputationGraph graph, GptConfig config) {
        if (graph == null || config == null) {
            throw new IllegalArgumentException("Sampler needs a graph and its config");
        }
        this.graph = graph;
        this.config = config;
    }

    /** The {@code maxNewTokens} most likely next tokens, one at a time (ties go to the lowest id). */
    public int[] greedy(int[] prompt, int maxNewTokens) {
        return sample(prompt, maxNewTokens, 0.0, 0, 0L);
    }

    /**
     * Generates {@code maxNewTokens} ids after {@code prompt} and returns only the new ids.
     *
     * @param temperature 0 for greedy; otherwise logits are divided by it before the softmax
     * @param topK        0 to sample from the whole vocabulary; otherwise only from the k most likely ids
     * @param seed        seed of the sampling RNG, so that a run can be repeated
     */
    public int[] sample(int[] prompt, int maxNewTokens, double temperature, int topK, long seed) {
        validate(prompt, maxNewTokens, temperature, topK);
        int t = config.contextLength();
        int[] seq = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
        int len = prompt.length;
        Random random = new Random(seed);
        INDArray input = Nd4j.zeros(graph.params().dataType(), 1, t);
        for (int step = 0; step < maxNewTokens; step++) {
            // Crop to the last T tokens: the model has no position embedding beyond T.
            int start = Math.max(0, len - t);
            int ctx = len - start;
            for (int i = 0; i < t; i++) {
                input.putScalar(0, i, i < ctx ? seq[start + i] : 0);
            }
            // [1, T, V] -> logits at the last real position [V]
            INDArray logits = graph.outputSingle(false, input);
            double[] last = logits.get(NDArrayIndex.point(0), NDArrayIndex.point(ctx - 1), NDArrayIndex.all())
                    .toDoubleVector();
            seq[len++] = temperature == 0.0 ? argmax(last) : draw(last, temperature, topK, random);
        }
        return Arrays.copyOfRange(seq, prompt.length, len);
    }

    private void validate(int[] prompt, int maxNewTokens, double temperature, int topK) {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token id");
        }
        for (int id : prompt) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("prompt id " + id + " is outside [0, " + config.vocabSize() + ")");
            }
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        if (!(temperature >= 0.0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = no cut), got " + topK);
        }
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Draws an id from softmax(logits / temperature), restricted to the topK largest logits if topK > 0. */
    static int draw(double[] logits, double temperature, int topK, Random random) {
        double cut = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            double[] sorted = logits.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double[] weights = new double[logits.length];
        double sum = 0.0;
        for (int i = 0; i < logits.length; i++) {
            // Logits tied with the k-th largest stay in, so at least k ids remain.
            weights[i] = logits[i] >= cut ? Math.exp((logits[i] - max) / temperature) : 0.0;
            sum += weights[i];
        }
        double u = random.nextDouble() * sum;
        int lastCandidate = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0.0) {
                lastCandidate = i;
                u -= weights[i];
                if (u < 0.0) {
                    return i;
                }
            }
        }
        // Rounding can leave u a hair above 0 after the last candidate.
        return lastCandidate;
    }
}
