package kotoba.jobs.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ManifestStore;
import kotoba.pipeline.storage.Storage;
import kotoba.tokenizer.encode.Tokenizer;
import kotoba.trainer.TrainConfig;
import kotoba.trainer.TrainStage;
import kotoba.trainer.model.GptConfig;
import kotoba.trainer.model.Sampler;
import kotoba.trainer.train.CheckpointStore;
import kotoba.trainer.train.TrainingState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `kotoba generate`: continue a prompt with a trained model. Lives in jobs because it needs two stages at once:
 * the trainer samples ids, the tokenizer turns text into ids and back.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Sample text from a run's newest checkpoint: greedy (temperature 0), temperature and top-k.",
        "Config section: generate; the model shape comes from the trainer section."})
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "A run directory or its checkpoints/ directory (default: {trainer.output}/{trainer.run_id}).")
  String checkpoint;

  @Option(names = "--prompt", description = "Overrides generate.prompt.") String prompt;

  @Override
  public Integer call() {
    JobContext ctx = new JobContext(options);
    GenerateConfig gen = ctx.section("generate", GenerateConfig.class);
    if (prompt != null) gen = new GenerateConfig(prompt, gen.maxNewTokens(), gen.temperature(), gen.topK(), gen.seed());
    System.out.println(generate(ctx, checkpoint, gen));
    return 0;
  }

  /** The prompt followed by the model's continuation. */
  public static String generate(JobContext ctx, String checkpoint, GenerateConfig gen) {
    TrainConfig cfg = ctx.section("trainer", TrainConfig.class);
    Storage storage = ctx.storage();
    String dir = checkpoint == null ? TrainStage.checkpointDir(cfg) : checkpoint;
    if (storage.exists(Storage.child(dir, "checkpoints"))) dir = Storage.child(dir, "checkpoints");
    CheckpointStore store = new CheckpointStore(dir, storage.hadoop(), Integer.MAX_VALUE);
    TrainingState state = store.latest().orElseThrow(() -> new ConfigError("no checkpoint found in " + store.pathOf(0)
        .replaceAll("/step-0+$", "") + "; train first (`kotoba train`)"));
    ComputationGraph graph = store.loadGraph(state.step());
    GptConfig gpt = TrainStage.gptConfig(cfg, storage);

    Manifest tokens = ManifestStore.read(storage, cfg.input()).orElseThrow();
    Tokenizer tokenizer;
    try {
      tokenizer = Tokenizer.fromBytes(storage.readBytes(String.valueOf(tokens.info().get("model"))));
    } catch (IOException e) {
      throw new ConfigError("cannot load the tokenizer model: " + e.getMessage(), e);
    }
    int[] promptIds = tokenizer.encode(gen.prompt());
    if (promptIds.length == 0) promptIds = new int[] {tokenizer.eosId()};
    Sampler sampler = new Sampler(graph, gpt);
    int[] out = gen.temperature() == 0
        ? sampler.greedy(promptIds, gen.maxNewTokens())
        : sampler.sample(promptIds, gen.maxNewTokens(), gen.temperature(), gen.topK(), gen.seed());
    int[] all = new int[promptIds.length + out.length];
    System.arraycopy(promptIds, 0, all, 0, promptIds.length);
    System.arraycopy(out, 0, all, promptIds.length, out.length);
    return tokenizer.decode(all);
  }
}
