package kotoba.trainer.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

/** Reads the learning rate a graph's updater applies at a given step, whatever updater and schedule it carries. */
public final class LearningRates {
    private LearningRates() {
    }

    /** The lr of the first trainable parameter's updater at {@code step}; NaN if the graph has no parameters. */
    public static double at(ComputationGraph graph, long step) {
        for (Layer layer : graph.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            TrainingConfig tc = layer.conf().getLayer();
            String param = layer.paramTable().keySet().iterator().next();
            IUpdater updater = tc.getUpdaterByParam(param);
            if (updater != null) {
                return updater.getLearningRate((int) step, graph.getEpochCount());
            }
        }
        return Double.NaN;
    }
}
