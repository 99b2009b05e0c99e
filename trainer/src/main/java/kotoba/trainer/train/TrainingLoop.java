package kotoba.trainer.train;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Seeds;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.util.List;

/**
 * The training loop shared by local and Spark training: steps, per-step metrics rows, validation every
 * {@code evalEvery} steps, checkpoints every {@code checkpointEvery} steps and at the stop, progress on the console.
 */
public final class TrainingLoop {
    private final TrainerConfig config;
    private final ModelInfo model;
    private final MetricsSink sink;
    private final CheckpointStore checkpoints;
    private final PrintStream console;

    /**
     * @param checkpoints null to train without checkpoints
     * @param console     null for no progress lines
     */
    public TrainingLoop(TrainerConfig config, ModelInfo model, MetricsSink sink, CheckpointStore checkpoints,
                        PrintStream console) {
        this.config = config;
        this.model = model;
        this.sink = sink;
        this.checkpoints = checkpoints;
        this.console = console;
    }

    /**
     * Trains from {@code start} until {@code stopAt} optimizer steps (at most {@code maxSteps}); returns the state
     * at the stop, which is also checkpointed. The reader must be positioned at {@code start.cursor()}.
     */
    public TrainingState run(Stepper stepper, TokenBlockReader reader, List<TokenBatch> validation,
                             BatchEncoder encoder, TrainingState start, long stopAt) {
        if (stopAt > config.maxSteps() || stopAt < start.step()) {
            throw new IllegalArgumentException("stopAt " + stopAt + " must lie in [" + start.step() + ", "
                    + config.maxSteps() + "]");
        }
        if ((stopAt - start.step()) % stepper.stepsPerCall() != 0) {
            throw new IllegalArgumentException("steps to train (" + (stopAt - start.step())
                    + ") must be a multiple of the steps per call (" + stepper.stepsPerCall() + ")");
        }
        if (stepper.graph().getIterationCount() != start.step()) {
            throw new IllegalStateException("network has done " + stepper.graph().getIterationCount()
                    + " optimizer steps but the training state says " + start.step());
        }
        long step = start.step();
        long tokens = start.tokensSeen();
        long sessionStart = System.nanoTime();
        long sessionTokens = 0;
        double lastVal = Double.NaN;
        double lastBpb = Double.NaN;
        while (step < stopAt) {
            // Re-seeding from (seed, step) makes dropout masks a function of the step, so a resumed run matches.
            Nd4j.getRandom().setSeed(Seeds.derive(start.seed(), step, 3));
            double lr = LearningRates.at(stepper.graph(), step);
            long t0 = System.nanoTime();
            TokenBatch batch = reader.nextBatch(stepper.sequencesPerCall());
            double trainLoss = stepper.fit(batch, checkpointDue(step, step + stepper.stepsPerCall(), stopAt));
            double stepSeconds = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(trainLoss)) {
                throw new IllegalStateException("training loss is " + trainLoss + " at step " + step
                        + "; lower the learning rate or check the data (no checkpoint written for this step)");
            }
            long before = step;
            step += stepper.stepsPerCall();
            if (console != null) {
                for (String notice : stepper.notices()) {
                    console.println("step " + step + ": " + notice);
                }
            }
            tokens += batch.targetTokens();
            sessionTokens += batch.targetTokens();

            EvalResult eval = null;
            boolean last = step == config.maxSteps();
            if (!validation.isEmpty() && ((config.evalEvery() > 0 && crossed(before, step, config.evalEvery())) || last)) {
                eval = Evaluator.evaluate(stepper.graph(), validation, encoder);
                lastVal = eval.loss();
                lastBpb = eval.bitsPerByte();
            }
            double wall = start.wallSeconds() + (System.nanoTime() - sessionStart) / 1e9;
            sink.write(new MetricsRow(start.runId(), step, tokens, model.flopsPerToken() * tokens, model.params(),
                    model.paramsNonEmbedding(), trainLoss, eval == null ? Double.NaN : eval.loss(),
                    eval == null ? Double.NaN : eval.perplexity(), eval == null ? Double.NaN : eval.bitsPerByte(), lr,
                    batch.targetTokens() / stepSeconds, wall, model.shape()));

            TrainingState state = new TrainingState(start.runId(), step, reader.cursor(), tokens, wall, start.seed());
            if (checkpointDue(before, step, stopAt)) {
                checkpoints.save(stepper.graph(), state);
            }
            if (console != null && (crossed(before, step, config.logEvery()) || step == stopAt || eval != null)) {
                double session = (System.nanoTime() - sessionStart) / 1e9;
                double perStep = session / (step - start.step());
                console.println(ProgressLine.format(step, config.maxSteps(), trainLoss, lastVal, lastBpb, lr,
                        sessionTokens / session, wall, perStep * (config.maxSteps() - step)));
            }
            if (step == stopAt) {
                return state;
            }
        }
        return start;
    }

    private boolean checkpointDue(long before, long after, long stopAt) {
        return checkpoints != null
                && ((config.checkpointEvery() > 0 && crossed(before, after, config.checkpointEvery())) || after == stopAt);
    }

    private static boolean crossed(long before, long after, long every) {
        return after / every > before / every;
    }
}
