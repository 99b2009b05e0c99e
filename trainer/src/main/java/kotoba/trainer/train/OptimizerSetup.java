package kotoba.trainer.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts an optimizer onto every layer of a graph configuration: the updater, decoupled weight decay on weights
 * (never on biases or LayerNorm gains, which the layers declare as bias parameters), and gradient clipping.
 *
 * <p>AdamW in DL4J terms: {@link Adam} (as {@link FusedAdam}, whose step is a Java kernel on CPUs) with the
 * {@link WarmupCosineSchedule}, plus {@link DecoupledWeightDecay}, which DL4J applies after the updater as
 * {@code w -= lr * wd * w} (Loshchilov and Hutter's decoupled form, as in PyTorch's AdamW), not as an L2 term inside
 * Adam's moments, and which adds nothing to the loss.
 */
public record OptimizerSetup(IUpdater updater, double weightDecay, double gradClip) {

    /** AdamW with warmup + cosine lr from a trainer config. */
    public static OptimizerSetup adamW(TrainerConfig c) {
        Adam adam = new Adam.Builder().learningRateSchedule(WarmupCosineSchedule.of(c)).beta1(c.beta1())
                .beta2(c.beta2()).epsilon(c.epsilon()).build();
        return new OptimizerSetup(FusedAdam.of(adam), c.weightDecay(), c.gradClip());
    }

    /** Writes the optimizer into every layer of {@code conf} (mutates it) and returns it. */
    public ComputationGraphConfiguration applyTo(ComputationGraphConfiguration conf) {
        List<Regularization> weights = weightDecay > 0 ? List.of(new DecoupledWeightDecay(weightDecay)) : List.of();
        // ClipL2PerLayer: DL4J has no global-norm clipping across the whole network (what GPT uses); capping the L2
        // norm of each layer's whole gradient is the closest: it keeps directions within a layer, like global
        // clipping does, and bounds every layer's step.
        GradientNormalization clip = gradClip > 0 ? GradientNormalization.ClipL2PerLayer : GradientNormalization.None;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv) || lv.getLayerConf() == null) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof BaseLayer b) {
                b.setIUpdater(updater.clone());
                b.setBiasUpdater(null);
                b.setRegularization(new ArrayList<>(weights));
                b.setRegularizationBias(new ArrayList<>());
                b.setGradientNormalization(clip);
                b.setGradientNormalizationThreshold(gradClip);
            } else if (layer instanceof AbstractSameDiffLayer s) {
                s.setUpdater(updater.clone());
                s.setBiasUpdater(null);
                s.setRegularization(new ArrayList<>(weights));
                s.setRegularizationBias(new ArrayList<>());
                s.setGradientNormalization(clip);
                s.setGradientNormalizationThreshold(gradClip);
            }
        }
        return conf;
    }

    /** A fresh, initialised graph from {@code conf} with this optimizer. */
    public ComputationGraph newGraph(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(applyTo(conf));
        graph.init();
        return graph;
    }
}
