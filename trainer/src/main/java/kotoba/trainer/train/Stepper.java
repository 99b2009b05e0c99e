package kotoba.trainer.train;

import kotoba.trainer.data.TokenBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * One unit of training work, so the same loop drives single-JVM and Spark training: fit a batch, advance the
 * optimizer by {@link #stepsPerCall()} steps, report the training loss.
 */
public interface Stepper {
    /** Sequences one {@link #fit} call consumes. */
    int sequencesPerCall();

    /** Optimizer steps one call advances (1 locally; the averaging frequency under parameter averaging). */
    int stepsPerCall();

    /** Trains on {@code batch}; returns the mean training cross-entropy per token (nats) it saw. */
    double fit(TokenBatch batch);

    /**
     * As {@link #fit(TokenBatch)}; {@code checkpointAfter} says the caller saves {@link #graph()}, optimizer state
     * included, right after this call, so a stepper that keeps optimizer state on its workers must bring it back.
     */
    default double fit(TokenBatch batch, boolean checkpointAfter) {
        return fit(batch);
    }

    /**
     * What the last call did that the user should hear of, one line each: for example workers that lost the optimizer
     * state they keep between calls. The training loop prints them with the step.
     */
    default List<String> notices() {
        return List.of();
    }

    /** The current network (after the last call), for evaluation and checkpoints. */
    ComputationGraph graph();
}
