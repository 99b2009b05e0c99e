package kotoba.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  enum Mode { FAST, SLOW }

  record Inner(int rows, double threshold) {}

  record Timed(Duration timeout) {}

  record Item(String path, String format) {
    static Item defaults() {
      return new Item("", "text");
    }
  }

  record Section(int minChars, long maxBytes, double lr, boolean enabled, String name, Mode mode,
      List<String> langs, Inner inner, List<Item> items, Map<String, String> extra, Map<Integer, Double> ngrams,
      Set<String> allow) {
    Section {
      if (minChars < 0) throw new IllegalArgumentException("min_chars must be >= 0, got " + minChars);
    }
  }

  private static final String BASE = """
      s { min_chars = 10, max_bytes = 5000000000, lr = 3e-4, enabled = true, name = abc, mode = fast,
          langs = [en, ja], inner { rows = 4, threshold = 0.8 }, items = [{path = a}, {path = b, format = jsonl}],
          extra { "spark.x" = 1 }, ngrams { "2" = 0.2, "3" = 0.18 }, allow = [en, en, ja] }
      """;

  private static Section bind(String overrides) {
    Config c = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(BASE)).resolve();
    return ConfigBinder.bind(c, "s", Section.class);
  }

  @Test
  void bindsEveryTypeFromSnakeCaseKeys() {
    Section s = bind("");
    assertEquals(10, s.minChars());
    assertEquals(5_000_000_000L, s.maxBytes());
    assertEquals(3e-4, s.lr());
    assertEquals(Mode.FAST, s.mode());
    assertEquals(List.of("en", "ja"), s.langs());
    assertEquals(new Inner(4, 0.8), s.inner());
    assertEquals(List.of(new Item("a", "text"), new Item("b", "jsonl")), s.items());
    assertEquals(Map.of("spark.x", "1"), s.extra());
    assertEquals(Map.of(2, 0.2, 3, 0.18), s.ngrams());
    assertEquals(Set.of("en", "ja"), s.allow());
  }

  @Test
  void nullInAnUpperLayerRemovesAMapEntry() {
    Section s = bind("s.extra { \"spark.x\" = null, \"spark.y\" = 2 }");
    assertEquals(Map.of("spark.y", "2"), s.extra());
  }

  @Test
  void unknownKeyIsNamedWithASuggestion() {
    ConfigError e = assertThrows(ConfigError.class, () -> bind("s.min_charz = 3"));
    assertTrue(e.getMessage().contains("s.min_charz"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'min_chars'"), e.getMessage());
  }

  @Test
  void wrongTypeNamesTheKey() {
    ConfigError e = assertThrows(ConfigError.class, () -> bind("s.inner.rows = lots"));
    assertTrue(e.getMessage().contains("s.inner.rows") && e.getMessage().contains("number"), e.getMessage());
  }

  @Test
  void durationsTakeHoconUnitsAndBareMilliseconds() {
    assertEquals(Duration.ofMinutes(30), timed("30m"));
    assertEquals(Duration.ofSeconds(90), timed("\"90 seconds\""));
    assertEquals(Duration.ZERO, timed("0"));
    assertEquals(Duration.ofMillis(1500), timed("1500"));
    ConfigError e = assertThrows(ConfigError.class, () -> timed("soon"));
    assertTrue(e.getMessage().contains("t.timeout") && e.getMessage().contains("duration"), e.getMessage());
  }

  private static Duration timed(String value) {
    return ConfigBinder.bind(ConfigFactory.parseString("t.timeout = " + value), "t", Timed.class).timeout();
  }

  @Test
  void badEnumListsTheChoices() {
    ConfigError e = assertThrows(ConfigError.class, () -> bind("s.mode = medium"));
    assertTrue(e.getMessage().contains("[fast, slow]"), e.getMessage());
  }

  @Test
  void recordValidationBecomesAConfigError() {
    ConfigError e = assertThrows(ConfigError.class, () -> bind("s.min_chars = -1"));
    assertTrue(e.getMessage().contains("min_chars must be >= 0"), e.getMessage());
  }

  @Test
  void missingKeyWithoutDefaultsIsAnError() {
    Config c = ConfigFactory.parseString("s { rows = 1 }");
    ConfigError e = assertThrows(ConfigError.class, () -> ConfigBinder.bind(c, "s", Inner.class));
    assertTrue(e.getMessage().contains("s.threshold"), e.getMessage());
  }

  @Test
  void setOverridesParseAsHocon() {
    Config c = ConfigLoader.overrides(List.of("a.lr=3e-4", "a.langs=[en,ja]", "a.path=hdfs://nn:8020/x"));
    assertEquals(3e-4, c.getDouble("a.lr"));
    assertEquals(List.of("en", "ja"), c.getStringList("a.langs"));
    assertEquals("hdfs://nn:8020/x", c.getString("a.path"));
    assertThrows(ConfigError.class, () -> ConfigLoader.overrides(List.of("novalue")));
  }
}
