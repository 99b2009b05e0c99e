package kotoba.jobs.cli;

import java.util.concurrent.Callable;
import kotoba.corpus.CorpusConfig;
import kotoba.corpus.spark.CorpusStage;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `kotoba corpus`: raw text -> cleaned, deduplicated, train/val-split documents in Parquet. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = {"Ingest, normalize, filter, deduplicate and split raw text into the docs Parquet dataset.",
        "Config section: corpus (see conf/local.conf). Skipped when inputs and config are unchanged."})
public final class CorpusCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    JobContext ctx = new JobContext(options);
    Manifest m = run(ctx);
    Summaries.print(m);
    return 0;
  }

  /** Runs the stage; shared with `kotoba run`. */
  public static Manifest run(JobContext ctx) {
    CorpusConfig cfg = ctx.section("corpus", CorpusConfig.class);
    StageKey key = CorpusStage.key(cfg, ctx.storage()); // lists inputs: a missing one fails before Spark starts
    return CorpusStage.run(ctx.spark(), cfg, key, ctx.sparkStorage(), ctx.force());
  }
}
