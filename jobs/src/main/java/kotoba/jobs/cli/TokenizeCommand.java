package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import kotoba.tokenizer.TokenizeConfig;
import kotoba.tokenizer.spark.TokenizeStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba tokenize`: docs -> token docs Parquet with a trained vocabulary. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = {"Encode every document with the tokenizer stage's model into token docs Parquet",
        "(id, split, tokens, n_tokens, bytes). Config section: tokenize."})
public final class TokenizeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    Summaries.print(run(new JobContext(options)));
    return 0;
  }

  /** Runs the stage; shared with `kotoba run`. */
  public static Manifest run(JobContext ctx) {
    TokenizeConfig cfg = ctx.section("tokenize", TokenizeConfig.class);
    StageKey key = TokenizeStage.key(cfg, ctx.storage());
    return TokenizeStage.run(ctx.spark(), cfg, key, ctx.sparkStorage(), ctx.force());
  }
}
