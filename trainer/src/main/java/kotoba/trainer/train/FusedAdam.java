package kotoba.trainer.train;

import java.util.Map;

import kotoba.trainer.model.AdamKernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@link Adam}, same settings, same state layout and same arithmetic, whose step runs as {@link AdamKernel}
 * wherever that applies (float parameters on the CPU backend) and as ND4J's op elsewhere. A subclass, so that
 * configurations, checkpoints and Spark's averaged updater state keep Adam's shape.
 */
public class FusedAdam extends Adam {

    /** For Jackson, which rebuilds a saved configuration through the setters. */
    public FusedAdam() {
    }

    /** The fused version of {@code adam}. */
    public static FusedAdam of(Adam adam) {
        FusedAdam f = new FusedAdam();
        f.setLearningRate(adam.getLearningRate());
        f.setLearningRateSchedule(adam.getLearningRateSchedule());
        f.setBeta1(adam.getBeta1());
        f.setBeta2(adam.getBeta2());
        f.setEpsilon(adam.getEpsilon());
        return f;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        // As Adam does: the state view, flattened, holds m and then v.
        INDArray flat = viewArray.reshape(viewArray.length());
        Updater u = new Updater(this);
        u.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public FusedAdam clone() {
        FusedAdam copy = of(this);
        if (getLearningRateSchedule() != null) {
            copy.setLearningRateSchedule(getLearningRateSchedule().clone());
        }
        return copy;
    }

    /** Adam's updater with the step swapped for the kernel's where it applies. */
    static final class Updater extends AdamUpdater {

        Updater(Adam config) {
            super(config);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (getM() == null || getV() == null || !AdamKernel.applies(gradient, getM(), getV())) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            AdamKernel.step(gradient, getM(), getV(), c.getLearningRate(iteration, epoch), c.getBeta1(),
                    c.getBeta2(), c.getEpsilon(), iteration);
        }
    }
}
