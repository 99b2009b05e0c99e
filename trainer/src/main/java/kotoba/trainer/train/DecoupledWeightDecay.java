package kotoba.trainer.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * AdamW's decoupled weight decay: DL4J's {@link WeightDecay} step (w -= lr * coeff * w, after the updater), with no
 * term in the loss. DL4J's version adds coeff / 2 * |w|^2 to the score; every training step then took a norm over
 * every weight matrix for it (the output head and embedding included), and the trainer a second one to take it out
 * of the reported loss again, evaluated at the weights after the step.
 */
public class DecoupledWeightDecay extends WeightDecay {

    public DecoupledWeightDecay(double coeff) {
        this(new FixedSchedule(coeff), true);
    }

    /** For Jackson, which rebuilds a saved configuration through the same properties as {@link WeightDecay}'s. */
    public DecoupledWeightDecay(@JsonProperty("coeff") ISchedule coeff, @JsonProperty("applyLR") boolean applyLR) {
        super(coeff, applyLR);
    }

    /** Not part of the objective: the loss a run reports is the cross-entropy alone. */
    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0;
    }

    @Override
    public Regularization clone() {
        return new DecoupledWeightDecay(coeff.clone(), applyLR);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    /** Lombok's equality in {@link WeightDecay} asks the other side: without this, DL4J's would equal this one. */
    @Override
    protected boolean canEqual(Object other) {
        return other instanceof DecoupledWeightDecay;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "DecoupledWeightDecay(coeff=" + coeff + ", applyLR=" + applyLR + ")";
    }
}
