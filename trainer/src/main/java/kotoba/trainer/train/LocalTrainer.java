package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/** Trains a ComputationGraph on one JVM, with checkpoints that a later {@link #resume} continues exactly. */
public final class LocalTrainer {
    private final TrainerConfig config;
    private final ModelInfo model;
    private final Function<Cursor, TokenBlockReader> readers;
    private final List<TokenBatch> validation;
    private final BatchEncoder encoder;
    private final TrainingLoop loop;
    private final CheckpointStore checkpoints;

    /**
     * @param readers     opens the training reader at a cursor (same files, seed and context every time)
     * @param validation  the fixed validation batches
     * @param checkpoints null for none (then {@link #resume} is unavailable)
     */
    public LocalTrainer(TrainerConfig config, ModelInfo model, Function<Cursor, TokenBlockReader> readers,
                        List<TokenBatch> validation, BatchEncoder encoder, MetricsSink sink,
                        CheckpointStore checkpoints, PrintStream console) {
        this.config = config;
        this.model = model;
        this.readers = readers;
        this.validation = validation;
        this.encoder = encoder;
        this.checkpoints = checkpoints;
        this.loop = new TrainingLoop(config, model, sink, checkpoints, console);
    }

    /** Trains a freshly initialised graph from step 0 to {@code stopAt} (use {@code maxSteps} for a whole run). */
    public TrainingState train(ComputationGraph graph, String runId, long stopAt) {
        TrainingState start = TrainingState.fresh(runId, config.seed());
        return run(graph, start, stopAt);
    }

    /** Continues from the newest checkpoint to {@code stopAt}, with the same data order as an uninterrupted run. */
    public TrainingState resume(long stopAt) {
        if (checkpoints == null) {
            throw new IllegalStateException("resume needs a checkpoint directory");
        }
        TrainingState state = checkpoints.latest()
                .orElseThrow(() -> new IllegalStateException("no checkpoint to resume from"));
        return run(checkpoints.loadGraph(state.step()), state, stopAt);
    }

    private TrainingState run(ComputationGraph graph, TrainingState start, long stopAt) {
        LocalStepper stepper = new LocalStepper(graph, encoder, config.sequencesPerStep(model.contextLength()));
        return loop.run(stepper, readers.apply(start.cursor()), validation, encoder, start, stopAt);
    }

    /** The graph a finished {@link #train} or {@link #resume} left, via its checkpoint. */
    public ComputationGraph loadCheckpoint(long step) {
        return checkpoints.loadGraph(step);
    }
}
