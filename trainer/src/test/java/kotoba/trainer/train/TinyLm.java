package kotoba.trainer.train;

import kotoba.trainer.data.TokenDocsFixture;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny language model with the GPT graph's contract (input ids [B, T], labels [B, T], logits [B, T, V]) and a
 * random corpus, for fast trainer tests: embedding then {@link TinyHead}.
 */
public final class TinyLm {
    public static final int VOCAB = 32;
    public static final int T = 8;
    public static final int EOS = 0;
    public static final int WIDTH = 16;

    private TinyLm() {
    }

    /** The configuration with a placeholder updater (OptimizerSetup replaces it on every layer). */
    public static ComputationGraphConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .graphBuilder().addInputs("tokens")
                .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(WIDTH).inputLength(T)
                        .outputDataFormat(RNNFormat.NWC).build(), "tokens")
                .addLayer("head", new TinyHead(VOCAB, T, WIDTH), "embed")
                .setOutputs("head").build();
    }

    public static ModelInfo info(long params) {
        return new ModelInfo(params, params - (long) VOCAB * WIDTH, 6.0 * params, T,
                Map.of("n_layer", 1, "d_model", WIDTH, "context", T));
    }

    /** Random token docs (ids 1..VOCAB-1) in 3 files, train and val mixed. */
    public static String corpus(Path dir, long seed) throws Exception {
        Random rng = new Random(seed);
        List<List<TokenDocsFixture.Row>> files = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            List<TokenDocsFixture.Row> rows = new ArrayList<>();
            for (int d = 0; d < 30; d++) {
                int[] tokens = new int[3 + rng.nextInt(20)];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = 1 + rng.nextInt(VOCAB - 1);
                }
                rows.add(TokenDocsFixture.Row.of("f" + f + "d" + d, d % 5 == 0 ? "val" : "train", tokens, 2L * tokens.length + 1));
            }
            files.add(rows);
        }
        return TokenDocsFixture.writeTemp(dir, "docs-" + seed, files);
    }
}
