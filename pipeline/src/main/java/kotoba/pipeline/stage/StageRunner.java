package kotoba.pipeline.stage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kotoba.pipeline.storage.Storage;

/**
 * Runs a stage like `make`: skips it when the output's manifest matches the key, otherwise invalidates the old
 * output, runs the body and writes the manifest last.
 */
public final class StageRunner {
  private StageRunner() {}

  /** What a stage body reports; the runner adds the key, timing and writes the manifest. */
  public record Result(Map<String, Long> counts, Map<String, Long> drops, Map<String, Object> info) {}

  /** The up-to-date manifest of {@code outputDir} for this key, if there is one. */
  public static Optional<Manifest> upToDate(Storage storage, String outputDir, StageKey key) {
    return ManifestStore.read(storage, outputDir).filter(key::matches);
  }

  public static Manifest run(Storage storage, String outputDir, StageKey key, boolean force, Supplier<Result> body) {
    if (!force) {
      Optional<Manifest> existing = upToDate(storage, outputDir, key);
      if (existing.isPresent()) {
        System.out.println("[" + key.stage() + "] up to date, skipped: " + outputDir
            + " (inputs and config unchanged; --force to rerun)");
        return existing.get();
      }
    }
    ManifestStore.invalidate(storage, outputDir);
    long t0 = System.nanoTime();
    Result r = body.get();
    double wall = (System.nanoTime() - t0) / 1e9;
    Manifest m = new Manifest(key.stage(), key.stageVersion(), key.codeVersion(), key.configDigest(), key.inputs(),
        r.counts(), r.drops(), r.info(), Math.round(wall * 1000) / 1000.0, Instant.now().toString());
    ManifestStore.write(storage, outputDir, m);
    return m;
  }
}
