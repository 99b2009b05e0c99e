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
}
