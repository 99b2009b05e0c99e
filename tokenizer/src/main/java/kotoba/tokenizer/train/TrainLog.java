package kotoba.tokenizer.train;

/**
 * One-line progress messages on stderr. The module has no logging API on its runtime classpath outside Spark, and
 * these lines (e.g. {@code unigram em round=...}) are meant to be grepped from job logs.
 */
final class TrainLog {
  private TrainLog() {}

  static void info(String line) {
    System.err.println(line);
  }
}
