package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.pipeline.stage.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba run`: the whole pipeline on one config, each stage skipped when its output is up to date. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run corpus -> tokenizer -> tokenize -> train end to end, then sample from the model.",
        "Stages whose outputs are up to date are skipped. On the embedded default: Spark local[*], the real",
        "corpora fetched by bin/fetch-data, files under data/."})
public final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    JobContext ctx = JobContext.training(options);
    Summaries.print(CorpusCommand.run(ctx));
    Summaries.print(TokenizerCommand.run(ctx));
    Summaries.print(TokenizeCommand.run(ctx));
    Manifest run = TrainCommand.run(ctx);
    Summaries.print(run);
    GenerateConfig gen = ctx.section("generate", GenerateConfig.class);
    System.out.println("[generate] " + GenerateCommand.generate(ctx, null, gen));
    System.out.println("[run] metrics: " + run.info().get("metrics"));
    System.out.println("[run] checkpoint: " + run.info().get("checkpoint"));
    return 0;
  }
}
