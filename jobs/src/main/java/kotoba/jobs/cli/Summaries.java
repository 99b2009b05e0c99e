package kotoba.jobs.cli;

import java.util.Map;
import kotoba.pipeline.stage.Manifest;

/** Prints what a stage produced, from its manifest, in the same few lines for every stage. */
public final class Summaries {
  private Summaries() {}

  public static void print(Manifest m) {
    System.out.printf("[%s] done in %.1f s%n", m.stage(), m.wallSeconds());
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : m.counts().entrySet()) {
      if (e.getKey().startsWith("source.")) continue; // printed in the stage's own accounting table
      sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    System.out.println("[" + m.stage() + "] counts:" + sb);
    if (!m.drops().isEmpty()) System.out.println("[" + m.stage() + "] drops: " + m.drops());
    m.info().forEach((k, v) -> System.out.println("[" + m.stage() + "] " + k + ": " + v));
  }
}
