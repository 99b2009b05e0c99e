package kotoba.jobs;

import kotoba.jobs.cli.CorpusCommand;
import kotoba.jobs.cli.FitCommand;
import kotoba.jobs.cli.GenerateCommand;
import kotoba.jobs.cli.ReportCommand;
import kotoba.jobs.cli.RunCommand;
import kotoba.jobs.cli.SweepCommand;
import kotoba.jobs.cli.TrainCommand;
import kotoba.jobs.cli.TokenizeCommand;
import kotoba.jobs.cli.TokenizerCommand;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.spark.SparkSessions;
import kotoba.pipeline.stage.ResumableFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** kotoba's command line: one subcommand per stage, plus the end-to-end run. Also the spark-submit main class. */
@Command(name = "kotoba", mixinStandardHelpOptions = true, version = "kotoba 0.1.0",
    description = "Pretrain language models on Apache Spark: corpus -> tokenizer -> tokenize -> train.",
    subcommands = {RunCommand.class, CorpusCommand.class, TokenizerCommand.class, TokenizeCommand.class,
        TrainCommand.class, GenerateCommand.class, SweepCommand.class, FitCommand.class,
        ReportCommand.class, CommandLine.HelpCommand.class})
public final class Kotoba implements Runnable {
  /** Exit code for a bad config or a missing input: reported before Spark starts. */
  public static final int EXIT_CONFIG = 2;
  /** Exit code for a stage that stopped where running it again resumes (sysexits' EX_TEMPFAIL): try again. */
  public static final int EXIT_RESUMABLE = 75;

  public static void main(String[] args) {
    int code = execute(args);
    SparkSessions.stopIfRunning();
    System.exit(code);
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Kotoba());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigError) {
        cmd.getErr().println("kotoba: error: " + e.getMessage());
        return EXIT_CONFIG;
      }
      if (e instanceof ResumableFailure) {
        cmd.getErr().println("kotoba: error: " + e.getMessage());
        cmd.getErr().println("kotoba: because: " + e.getCause());
        return EXIT_RESUMABLE;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
