package kotoba.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalTextTest {
  record Cfg(Map<Integer, Double> ngrams, Set<String> langs, List<String> order) {}

  @Test
  void digestIgnoresMapAndSetIterationOrderButNotListOrder() {
    Map<Integer, Double> a = new LinkedHashMap<>();
    a.put(2, 0.2);
    a.put(3, 0.18);
    Map<Integer, Double> b = new LinkedHashMap<>();
    b.put(3, 0.18);
    b.put(2, 0.2);
    Set<String> x = new LinkedHashSet<>(List.of("en", "ja"));
    Set<String> y = new LinkedHashSet<>(List.of("ja", "en"));
    assertEquals(CanonicalText.of(new Cfg(a, x, List.of("p", "q"))), CanonicalText.of(new Cfg(b, y, List.of("p", "q"))));
    assertNotEquals(CanonicalText.of(new Cfg(a, x, List.of("p", "q"))), CanonicalText.of(new Cfg(a, x, List.of("q", "p"))));
    assertNotEquals(CanonicalText.of(new Cfg(a, x, List.of())), CanonicalText.of(new Cfg(Map.of(2, 0.2), x, List.of())));
  }

  /** A config as one version had it, and as the next has it with a setting that does not change the output. */
  static final class Before {
    record Run(int steps, double lr) {}
  }

  static final class After {
    record Run(int steps, @NotKeyed int logEvery, double lr) {}
  }

  @Test
  void aNotKeyedSettingNeitherChangesTheTextNorMakesItDifferFromAConfigWithoutIt() {
    assertEquals(CanonicalText.of(new After.Run(100, 10, 3e-4)), CanonicalText.of(new After.Run(100, 1, 3e-4)));
    assertEquals(CanonicalText.of(new Before.Run(100, 3e-4)), CanonicalText.of(new After.Run(100, 10, 3e-4)));
    assertNotEquals(CanonicalText.of(new After.Run(100, 10, 3e-4)), CanonicalText.of(new After.Run(200, 10, 3e-4)));
  }
}
