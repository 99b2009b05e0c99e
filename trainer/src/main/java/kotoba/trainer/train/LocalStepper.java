package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.TokenBatch;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** One optimizer step per call on one JVM: {@code graph.fit} on the whole batch. */
public final class LocalStepper implements Stepper {
    private final ComputationGraph graph;
    private final BatchEncoder encoder;
    private final int sequences;

    public LocalStepper(ComputationGraph graph, BatchEncoder encoder, int sequencesPerStep) {
        this.graph = graph;
        this.encoder = encoder;
        this.sequences = sequencesPerStep;
    }

    @Override
    public int sequencesPerCall() {
        return sequences;
    }

    @Override
    public int stepsPerCall() {
        return 1;
    }

    @Override
    public double fit(TokenBatch batch) {
        graph.fit(encoder.encode(batch));
        // DL4J adds a regulariser's penalty divided by the minibatch size to the score. DecoupledWeightDecay has
        // none; graphs configured with DL4J's WeightDecay (older checkpoints) do, evaluated here at the post-step
        // weights: taking it out keeps train and val losses comparable (TrainLossTest).
        return graph.score() - graph.calcRegularizationScore(true) / sequences;
    }

    @Override
    public ComputationGraph graph() {
        return graph;
    }
}
