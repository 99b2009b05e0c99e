package kotoba.trainer.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds the GPT (nanoGPT's model.py) as a DL4J {@link ComputationGraph} that plain and Spark training can fit.
 *
 * <pre>
 * tokens [B, T] (float ids)
 *   wte                   token embedding (DL4J EmbeddingSequenceLayer)   [B, T, C]
 *   wpe                   + learned position embedding              [B, T, C]
 *   wpe-drop              dropout (training only, if dropout > 0)
 *   for each block i:
 *     block{i}-attn       attn(ln1(x))                            [B, T, C]
 *     block{i}-attn-drop  dropout
 *     block{i}-attn-add   x = x + branch
 *     block{i}-mlp        mlp(ln2(x))                             [B, T, C]
 *     block{i}-mlp-drop   dropout
 *     block{i}-mlp-add    x = x + branch
 *   head                  logits = ln_f(x) W_out                  [B, T, V]; loss vs labels [B, T]
 * </pre>
 *
 * <p>Inputs must be exactly {@code [B, contextLength]}: each SameDiff layer fixes T when it first runs. Labels are
 * the next-token ids, same shape. The score is the mean cross-entropy per token (nats).
 *
 * <p>Why dropout sits in DL4J {@link DropoutLayer}s between SameDiff layers and not inside them: DL4J does not tell
 * a SameDiff layer whether it is training, and recomputes the layer's forward pass for its backward pass, so a
 * random mask inside the layer would differ between the two. DropoutLayers are off at inference and reuse their
 * mask in backprop. Attention-probability dropout (nanoGPT's attn_dropout) is therefore not implemented.
 *
 * <p>The layers after the token embedding are SameDiff layer configurations (parameters, initialisation, JSON) that
 * run as hand-written ND4J forward/backward passes ({@link ManualBackpropLayer}, {@link FusedHeadLayer}): DL4J's
 * SameDiff execution recomputed every forward pass inside the backward pass, paid per-op session overhead, built
 * graphs again whenever a network was re-created (every Spark averaging round), and doubled hidden-layer gradients.
 * The token embedding is DL4J's own layer because SameDiff's gather gradient is unusable.
 *
 * <p>Why {@code tieEmbeddings} is rejected: DL4J gives every layer its own disjoint slice of the flat parameter
 * and gradient vectors, and the updater and Spark parameter averaging work on those slices, so two layers cannot
 * share a matrix; the embedding (first) and the head (last) cannot be one layer without folding the whole network,
 * and with it the training-only dropout, into a single SameDiff layer. The head is therefore always untied:
 * {@link ParamCount} reports its V*C weights separately.
 */
public final class GptModel {

    /** Name of the graph's input (token ids). */
    public static final String INPUT = "tokens";
    /** Name of the graph's output layer (logits, loss). */
    public static final String OUTPUT = "head";
    /** Name of the token embedding layer (a DL4J EmbeddingSequenceLayer, parameter "W" [V, C]). */
    public static final String TOKEN_EMBEDDING = "wte";
    /** Name of the position embedding layer. */
    public static final String POSITION_EMBEDDING = "wpe";

    private GptModel() {
    }

    /** Builds and initialises the graph in ND4J's default floating-point type. */
    public static ComputationGraph build(GptConfig config, IUpdater updater) {
        return build(config, updater, Nd4j.defaultFloatingPointType());
    }

    /** Builds and initialises the graph; parameters are drawn from {@code config.seed()}. */
    public static ComputationGraph build(GptConfig config, IUpdater updater, DataType dataType) {
        ComputationGraph graph = new ComputationGraph(configuration(config, updater, dataType));
        graph.init();
        return graph;
    }

    /** The graph configuration alone (what Spark training masters and checkpoints serialise). */
    public static ComputationGraphConfiguration configuration(GptConfig config, IUpdater updater, DataType dataType) {
        if (config.tieEmbeddings()) {
            throw new IllegalArgumentException("tieEmbeddings=true is not supported: DL4J layers cannot share a "
                    + "parameter, so the output head is a separate V x C matrix (set tieEmbeddings=false)");
        }
        if (updater == null || dataType == null || !dataType.isFPType()) {
            throw new IllegalArgumentException("need an updater and a floating-point data type, got updater="
                    + updater + ", dataType=" + dataType);
        }
        int t = config.contextLength();
        int c = config.dModel();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(dataType)
                .updater(updater)
                .graphBuilder()
                .addInputs(INPUT);

        // The token embedding is DL4J's own layer: SameDiff's gather has no usable gradient here (it assigns
        // instead of accumulating rows for repeated ids), while EmbeddingSequenceLayer scatter-adds them.
        g.addLayer(TOKEN_EMBEDDING, new EmbeddingSequenceLayer.Builder()
                .nIn(config.vocabSize()).nOut(c)
                .inputLength(t).inferInputLength(false)
                .outputDataFormat(RNNFormat.NWC)
                .hasBias(false)
                .weightInit(new NormalDistribution(0.0, ParamInit.STD))
                .build(), INPUT);
        g.addLayer(POSITION_EMBEDDING, new PositionEmbedding(t, c), TOKEN_EMBEDDING);
        String x = dropout(g, POSITION_EMBEDDING, config.dropout());
        for (int i = 0; i < config.nLayer(); i++) {
            String block = "block" + i;
            // x = x + attn(ln1(x))
            g.addLayer(block + "-attn", new CausalSelfAttention(t, c, config.nHead(), config.nLayer()), x);
            String attn = dropout(g, block + "-attn", config.dropout());
            g.addVertex(block + "-attn-add", new ElementWiseVertex(ElementWiseVertex.Op.Add), x, attn);
            x = block + "-attn-add";
            // x = x + mlp(ln2(x))
            g.addLayer(block + "-mlp", new FeedForward(t, c, config.dFf(), config.nLayer()), x);
            String mlp = dropout(g, block + "-mlp", config.dropout());
            g.addVertex(block + "-mlp-add", new ElementWiseVertex(ElementWiseVertex.Op.Add), x, mlp);
            x = block + "-mlp-add";
        }
        g.addLayer(OUTPUT, new LanguageModelHead(config.vocabSize(), t, c), x);
        g.setOutputs(OUTPUT);
        return g.build();
    }

    /** Adds a dropout after {@code from} if p > 0 and returns the name of whatever now carries the activations. */
    private static String dropout(ComputationGraphConfiguration.GraphBuilder g, String from, double p) {
        if (p == 0.0) {
            return from;
        }
        String name = from + "-drop";
        // DL4J's Dropout takes the probability of KEEPING an activation.
        g.addLayer(name, new DropoutLayer.Builder(new Dropout(1.0 - p)).build(), from);
        return name;
    }
}
