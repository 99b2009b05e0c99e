package kotoba.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRunnerTest {
  record Cfg(int x) {}

  @TempDir Path tmp;

  @Test
  void rerunWithSameInputsAndConfigIsSkippedAndAChangeReruns() throws Exception {
    Storage storage = Storage.local();
    Path input = Files.writeString(tmp.resolve("in.txt"), "hello");
    String out = tmp.resolve("out").toString();
    AtomicInteger runs = new AtomicInteger();
    var inputs = Fingerprints.ofRawFiles(storage, List.of(input.toString()));
    StageKey key = StageKey.of("demo", 1, new Cfg(1), inputs);
    StageRunner.Result result = new StageRunner.Result(Map.of("in", 1L), Map.of("too_short", 0L), Map.of());

    Manifest first = StageRunner.run(storage, out, key, false, () -> { runs.incrementAndGet(); return result; });
    StageRunner.run(storage, out, key, false, () -> { runs.incrementAndGet(); return result; });
    assertEquals(1, runs.get(), "unchanged inputs and config must skip");
    assertEquals(1L, first.count("in"));

    StageKey changedConfig = StageKey.of("demo", 1, new Cfg(2), inputs);
    StageRunner.run(storage, out, changedConfig, false, () -> { runs.incrementAndGet(); return result; });
    assertEquals(2, runs.get(), "a config change must rerun");

    Files.writeString(input, "hello, longer now");
    StageKey changedInput = StageKey.of("demo", 1, new Cfg(2), Fingerprints.ofRawFiles(storage, List.of(input.toString())));
    assertFalse(StageRunner.upToDate(storage, out, changedInput).isPresent(), "an input change must rerun");
  }

  @Test
  void failedRunLeavesNoManifest() {
    Storage storage = Storage.local();
    String out = tmp.resolve("out").toString();
    StageKey key = StageKey.of("demo", 1, new Cfg(1), List.of());
    StageRunner.run(storage, out, key, false, () -> new StageRunner.Result(Map.of(), Map.of(), Map.of()));
    assertThrows(IllegalStateException.class, () -> StageRunner.run(storage, out, key, true, () -> {
      throw new IllegalStateException("boom");
    }));
    assertTrue(ManifestStore.read(storage, out).isEmpty(), "a crashed rerun must not look complete");
  }

  @Test
  void missingInputIsAConfigErrorNamingThePath() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> Fingerprints.ofRawFiles(Storage.local(), List.of(tmp.resolve("nope/*.txt").toString())));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void upstreamWithoutManifestIsRejected() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> Fingerprints.ofStageOutput(Storage.local(), tmp.toString(), "corpus"));
    assertTrue(e.getMessage().contains("kotoba corpus"), e.getMessage());
  }
}
