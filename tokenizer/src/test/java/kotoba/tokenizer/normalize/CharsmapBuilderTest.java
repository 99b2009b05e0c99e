package kotoba.tokenizer.normalize;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer.Form;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.normalize.CharsmapBuilder.Rule;
import org.junit.jupiter.api.Test;

class CharsmapBuilderTest {
  private static Normalizer normalizer(Rule rule) {
    return new Normalizer(CharsmapBuilder.spec(rule), false, List.of());
  }

  /** What NFKC plus spm's whitespace rules should give: spaces collapsed and trimmed, then written as '▁'. */
  private static String expected(String text, boolean lower) {
    String n = java.text.Normalizer.normalize(text.replace('\t', ' '), Form.NFKC);
    if (lower) n = java.text.Normalizer.normalize(n.toLowerCase(java.util.Locale.ROOT), Form.NFKC);
    n = n.trim().replaceAll(" +", " ");
    return n.isEmpty() ? "" : "▁" + n.replace(' ', '▁');
  }

  @Test
  void compiledNfkcTableReproducesEveryRuleThroughTheTrie() {
    Map<String, String> rules = CharsmapBuilder.rules(Rule.NMT_NFKC);
    PrecompiledCharsmap cm = PrecompiledCharsmap.parse(CharsmapBuilder.charsmap(Rule.NMT_NFKC));
    assertTrue(rules.size() > 5000, "NFKC changes thousands of code points: " + rules.size());
    for (Map.Entry<String, String> e : rules.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      long m = cm.longestMatch(key, 0, key.length);
      assertEquals(key.length, (int) (m >>> 32), "whole key matched: " + e.getKey());
      byte[] r = cm.replacements();
      int end = (int) m;
      while (r[end] != 0) end++;
      assertEquals(e.getValue(), new String(r, (int) m, end - (int) m, StandardCharsets.UTF_8), e.getKey());
    }
  }

  @Test
  void nfkcNormalizerAgreesWithJavaNfkcOnTheMultilingualFixture() throws IOException {
    Normalizer n = normalizer(Rule.NMT_NFKC);
    Normalizer cf = normalizer(Rule.NMT_NFKC_CF);
    for (String name : List.of("multilingual.txt", "heldout.txt")) {
      try (var in = getClass().getResourceAsStream("/kotoba/tokenizer/" + name)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
          assertEquals(expected(line, false), n.normalize(line), line);
          assertEquals(expected(line, true), cf.normalize(line), line);
        }
      }
    }
  }

  @Test
  void typicalCompatibilityFormsAreFolded() {
    Normalizer n = normalizer(Rule.NMT_NFKC);
    assertEquals("▁ガギ▁AB12▁fi▁キロ▁1", n.normalize("ｶﾞｷﾞ　ＡＢ１２ ﬁ ㌔ ①"));
    assertEquals("▁é", n.normalize("e\u0301"));
    assertEquals("▁a▁b▁c", n.normalize("a\tb\u2028c\u0007"));
    assertEquals("▁ab", n.normalize("\uFEFFa\u200Bb"));
    assertEquals("▁straße", normalizer(Rule.NMT_NFKC_CF).normalize("STRAßE"));
  }
}
