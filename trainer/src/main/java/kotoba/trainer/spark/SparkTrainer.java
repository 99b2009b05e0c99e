package kotoba.trainer.spark;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.train.CheckpointStore;
import kotoba.trainer.train.MetricsSink;
import kotoba.trainer.train.ModelInfo;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TrainerConfig;
import kotoba.trainer.train.TrainingLoop;
import kotoba.trainer.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * Data-parallel training of a ComputationGraph with DL4J's {@code SparkComputationGraph} and parameter averaging,
 * driven by the same loop (metrics, validation, checkpoints, resume) as {@link kotoba.trainer.train.LocalTrainer}.
 *
 * <p>The SparkContext should carry {@link SparkTrainingConf} (Kryo with {@link BulkNd4jRegistrator}, off-heap limits).
 * Validation and checkpoints run on the driver with the averaged parameters.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final TrainerConfig config;
    private final SparkOptions options;
    private final ModelInfo model;
    private final Function<Cursor, TokenBlockReader> readers;
    private final List<TokenBatch> validation;
    private final BatchEncoder encoder;
    private final CheckpointStore checkpoints;
    private final TrainingLoop loop;

    public SparkTrainer(JavaSparkContext sc, TrainerConfig config, SparkOptions options, ModelInfo model,
                        Function<Cursor, TokenBlockReader> readers, List<TokenBatch> validation,
                        BatchEncoder encoder, MetricsSink sink, CheckpointStore checkpoints, PrintStream console) {
        if (config.maxSteps() % options.averagingFrequency() != 0) {
            throw new IllegalArgumentException("maxSteps (" + config.maxSteps() + ") must be a multiple of the "
                    + "averaging frequency (" + options.averagingFrequency() + ")");
        }
        options.batchPerWorker(config.sequencesPerStep(model.contextLength()));
        this.sc = sc;
        this.config = config;
        this.options = options;
        this.model = model;
        this.readers = readers;
        this.validation = validation;
        this.encoder = encoder;
        this.checkpoints = checkpoints;
        this.loop = new TrainingLoop(config, model, sink, checkpoints, console);
    }

    /** Trains {@code graph} from step 0 to {@code stopAt}. */
    public TrainingState train(ComputationGraph graph, String runId, long stopAt) {
        return run(graph, TrainingState.fresh(runId, config.seed()), stopAt);
    }

    /** Continues from the newest checkpoint (written by this or by the local trainer) to {@code stopAt}. */
    public TrainingState resume(long stopAt) {
        if (checkpoints == null) {
            throw new IllegalStateException("resume needs a checkpoint directory");
        }
        TrainingState state = checkpoints.latest()
                .orElseThrow(() -> new IllegalStateException("no checkpoint to resume from"));
        return run(checkpoints.loadGraph(state.step()), state, stopAt);
    }

    private TrainingState run(ComputationGraph graph, TrainingState start, long stopAt) {
        // Spark would abort only once the first round's results reached the driver.
        new DriverResultBudget(graph.numParams(), options.workers()).require(sc.getConf());
        int batchPerWorker = options.batchPerWorker(config.sequencesPerStep(model.contextLength()));
        NetworkReusingTrainingMaster master = TrainingMasters.parameterAveraging(options, batchPerWorker,
                config.seed());
        SparkComputationGraph spark = new SparkComputationGraph(sc, graph, master);
        TrainingState end;
        try (RoundWatchdog watchdog = new RoundWatchdog(sc, options.roundTimeout())) {
            SparkStepper stepper = new SparkStepper(sc, spark, encoder, options.workers(), batchPerWorker,
                    options.averagingFrequency(), watchdog, start.step());
            end = loop.run(stepper, readers.apply(start.cursor()), validation, encoder, start, stopAt);
        } catch (RuntimeException e) {
            try {
                master.releaseBroadcasts();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup); // a stopped SparkContext must not hide why training failed
            }
            throw e;
        }
        master.releaseBroadcasts();
        return end;
    }
}
