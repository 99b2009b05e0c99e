package kotoba.trainer.model;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameter counts of a built GPT graph, read from the real parameter arrays, in the terms of Kaplan et al. 2020.
 *
 * <p>{@code embedding} is the token plus position embeddings; {@code head} is the output projection V x C, which
 * {@link GptModel} never ties (a tied head would have no weights of its own and add 0 here). Kaplan's N excludes
 * the embedding matrices, and in their (tied) models the de-embedding is the same matrix, so
 * {@link #nonEmbedding()} excludes both the embeddings and the untied head; it does count every bias and LayerNorm
 * gain (including the final LayerNorm), which the 12 * nLayer * dModel^2 approximation leaves out.
 *
 * @param total     every trainable number in the graph
 * @param embedding token embedding V*C plus position embedding T*C
 * @param head      the output projection's weights (C*V), 0 if the head had none of its own
 */
public record ParamCount(long total, long embedding, long head) {

    /** Kaplan's N: all parameters except embeddings and the output projection. */
    public long nonEmbedding() {
        return total - embedding - head;
    }

    /** Counts the parameters of a graph built by {@link GptModel}. */
    public static ParamCount of(ComputationGraph graph) {
        long total = 0;
        long embedding = 0;
        long head = 0;
        for (Layer layer : graph.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                long n = param.getValue().length();
                total += n;
                if (conf instanceof EmbeddingSequenceLayer || conf instanceof PositionEmbedding) {
                    embedding += n;
                } else if (conf instanceof LanguageModelHead && param.getKey().equals(LanguageModelHead.OUTPUT_WEIGHT)) {
                    head += n;
                }
            }
        }
        if (total != graph.numParams()) {
            throw new IllegalStateException("parameter tables hold " + total + " numbers but the graph has "
                    + graph.numParams());
        }
        return new ParamCount(total, embedding, head);
    }

    /**
     * The counts of the graph {@code configuration} builds, without building it (and allocating its parameters):
     * what a sweep's plan or a check before Spark starts can afford for models of any size. Equals
     * {@code of(graph)} for that graph.
     */
    public static ParamCount of(ComputationGraphConfiguration configuration) {
        long total = 0;
        long embedding = 0;
        long head = 0;
        for (GraphVertex vertex : configuration.getVertices().values()) {
            long n = vertex.numParams(true);
            total += n;
            if (!(vertex instanceof LayerVertex layerVertex)) {
                continue;
            }
            org.deeplearning4j.nn.conf.layers.Layer conf = layerVertex.getLayerConf().getLayer();
            if (conf instanceof EmbeddingSequenceLayer || conf instanceof PositionEmbedding) {
                embedding += n;
            } else if (conf instanceof LanguageModelHead lmHead) {
                long[] shape = lmHead.getLayerParams().getParamShapes().get(LanguageModelHead.OUTPUT_WEIGHT);
                head += shape[0] * shape[1];
            }
        }
        return new ParamCount(total, embedding, head);
    }

    /** Every trainable number of a graph configuration, without building the graph: {@code of(configuration)}'s total. */
    public static long total(ComputationGraphConfiguration configuration) {
        return of(configuration).total();
    }
}
