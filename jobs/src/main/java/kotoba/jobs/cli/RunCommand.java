package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.pipeline.stage.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba run`: the whole pipeline on one config, each stage skipped when its output is up to date. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run corpus -> tokenizer -> tokenize end to end (stages with up-to-date outputs are skipped).",
        "On the embedded default: Spark local[*], the real corpora fetched by bin/fetch-data, files under data/."})
public final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    JobContext ctx = new JobContext(options);
    Manifest corpus = CorpusCommand.run(ctx);
    Summaries.print(corpus);
    Manifest vocab = TokenizerCommand.run(ctx);
    Summaries.print(vocab);
    Manifest tokens = TokenizeCommand.run(ctx);
    Summaries.print(tokens);
    return 0;
  }
}
