package kotoba.trainer.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Learning rate: linear warmup to the peak, cosine decay to the floor at {@code decaySteps}, then the floor.
 *
 * <p>Indexed by DL4J's iteration count (optimizer steps taken so far), which checkpoints and Spark's parameter
 * averaging both carry, so the schedule continues where it was after a resume. Serialised by Jackson into the
 * network configuration: keep the fields and their {@code @JsonProperty} names stable.
 */
public final class WarmupCosineSchedule implements ISchedule {
    @JsonProperty("peak")
    private final double peak;
    @JsonProperty("floor")
    private final double floor;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("decaySteps")
    private final int decaySteps;

    public WarmupCosineSchedule(@JsonProperty("peak") double peak, @JsonProperty("floor") double floor,
                                @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("decaySteps") int decaySteps) {
        if (!(peak > 0) || floor < 0 || floor > peak || warmupSteps < 0 || decaySteps < warmupSteps) {
            throw new IllegalArgumentException("bad schedule: peak=" + peak + " floor=" + floor + " warmupSteps="
                    + warmupSteps + " decaySteps=" + decaySteps);
        }
        this.peak = peak;
        this.floor = floor;
        this.warmupSteps = warmupSteps;
        this.decaySteps = decaySteps;
    }

    /** The schedule a {@link TrainerConfig} asks for. */
    public static WarmupCosineSchedule of(TrainerConfig c) {
        return new WarmupCosineSchedule(c.learningRate(), c.minLearningRate(), Math.min(c.warmupSteps(), c.maxSteps()),
                c.maxSteps());
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupSteps) {
            // (it + 1) so the first step already moves; reaches the peak on the last warmup step.
            return peak * (iteration + 1) / warmupSteps;
        }
        if (iteration >= decaySteps || decaySteps == warmupSteps) {
            return floor;
        }
        double progress = (double) (iteration - warmupSteps) / (decaySteps - warmupSteps);
        return floor + 0.5 * (1 + Math.cos(Math.PI * progress)) * (peak - floor);
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(peak, floor, warmupSteps, decaySteps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupCosineSchedule s && s.peak == peak && s.floor == floor
                && s.warmupSteps == warmupSteps && s.decaySteps == decaySteps;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(peak) * 31 + Double.hashCode(floor) * 17 + warmupSteps * 7 + decaySteps;
    }

    @Override
    public String toString() {
        return "WarmupCosineSchedule(peak=" + peak + ", floor=" + floor + ", warmup=" + warmupSteps + ", decay="
                + decaySteps + ")";
    }
}
