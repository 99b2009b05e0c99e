package kotoba.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import kotoba.tokenizer.TokenizerConfig;
import kotoba.tokenizer.encode.Tokenizer;
import kotoba.tokenizer.spark.TokenizerStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `kotoba tokenizer train|encode`: train a SentencePiece-compatible vocabulary; encode text for quick checks. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
    description = "Train a SentencePiece-compatible vocabulary (unigram or BPE) or encode text with one.",
    subcommands = {TokenizerCommand.Train.class, TokenizerCommand.Encode.class})
public final class TokenizerCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** `kotoba tokenizer train`. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train on the train split of the corpus stage's docs, on Spark.",
          "Writes {model_prefix}.model (loadable by spm_encode), .vocab and _manifest.json to tokenizer.output.",
          "Config section: tokenizer (options keep spm_train's names)."})
  public static final class Train implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      Summaries.print(run(new JobContext(options)));
      return 0;
    }
  }

  /** Runs the stage; shared with `kotoba run`. */
  public static Manifest run(JobContext ctx) {
    TokenizerConfig cfg = ctx.section("tokenizer", TokenizerConfig.class);
    StageKey key = TokenizerStage.key(cfg, ctx.storage());
    return TokenizerStage.run(ctx.spark(), cfg, key, ctx.sparkStorage(), ctx.force());
  }

  /** `kotoba tokenizer encode --model M`: text in (arguments or stdin lines), ids or pieces out. */
  @Command(name = "encode", mixinStandardHelpOptions = true,
      description = "Encode text with a .model file (kotoba's or spm_train's); reads stdin lines without TEXT.")
  public static final class Encode implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "SentencePiece .model file.")
    Path model;

    @Option(names = "--output_format", defaultValue = "id", description = "id | piece (as spm_encode).")
    String outputFormat;

    @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "TEXT") String[] text;

    @Override
    public Integer call() throws IOException {
      Tokenizer tokenizer;
      try {
        tokenizer = Tokenizer.load(model);
      } catch (kotoba.tokenizer.model.ModelFormatException e) {
        throw new ConfigError(e.getMessage(), e);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new ConfigError("model file not found: " + model);
      }
      if (!outputFormat.equals("id") && !outputFormat.equals("piece")) {
        throw new ConfigError("--output_format must be id or piece, got " + outputFormat);
      }
      if (text != null && text.length > 0) {
        print(tokenizer, String.join(" ", text));
      } else {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) print(tokenizer, line);
      }
      return 0;
    }

    private void print(Tokenizer tokenizer, String line) {
      if (outputFormat.equals("piece")) {
        System.out.println(String.join(" ", tokenizer.encodeAsPieces(line)));
      } else {
        System.out.println(Arrays.stream(tokenizer.encode(line)).mapToObj(Integer::toString)
            .collect(Collectors.joining(" ")));
      }
    }
  }
}
