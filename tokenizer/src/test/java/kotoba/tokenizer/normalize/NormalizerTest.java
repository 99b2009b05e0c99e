package kotoba.tokenizer.normalize;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.NormalizerSpec;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  private static Normalizer identity() {
    return new Normalizer(NormalizerSpec.defaults(), false, List.of());
  }

  @Test
  void spacesAreTrimmedCollapsedEscapedAndPrefixed() {
    assertEquals("▁hello▁world", identity().normalize("   hello    world  "));
    assertEquals("", identity().normalize("    "));
    assertEquals("", identity().normalize(""));
  }

  @Test
  void optionsTurnOffEachWhitespaceRule() {
    NormalizerSpec s = NormalizerSpec.defaults();
    assertEquals("a▁▁b▁", new Normalizer(s.withRemoveExtraWhitespaces(false).withAddDummyPrefix(false), false,
        List.of()).normalize("a  b "));
    assertEquals(" a b", new Normalizer(s.withEscapeWhitespaces(false), false, List.of()).normalize("a  b"));
    assertEquals("a▁b▁", new Normalizer(s, true, List.of()).normalize(" a b"));
  }

  @Test
  void invalidUtf8BytesBecomeReplacementCharactersOneEach() {
    byte[] in = {'a', (byte) 0xC3, 'b', (byte) 0xFF, (byte) 0xFE};
    String out = new String(identity().normalize(in), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("▁a\uFFFDb\uFFFD\uFFFD", out);
    assertEquals("▁x\uFFFDy", identity().normalize("x\uD800y")); // a lone surrogate from Java
  }

  @Test
  void charsmapRulesApplyByLongestMatchAndMayDelete() {
    byte[] blob = PrecompiledCharsmap.build(Map.of("ｱ", "ア", "ｱﾞ", "ア゙", "x", "", "Ⅻ", "XII", "\u3000", " "));
    Normalizer n = new Normalizer(NormalizerSpec.defaults().withPrecompiledCharsmap(blob), false, List.of());
    assertEquals("▁アア゙b", n.normalize("ｱｱﾞxb"));
    assertEquals("▁XII▁y", n.normalize("Ⅻ\u3000\u3000y"));
  }

  @Test
  void userDefinedSymbolsBypassTheCharsmap() {
    byte[] blob = PrecompiledCharsmap.build(Map.of("Ａ", "A"));
    Normalizer n = new Normalizer(NormalizerSpec.defaults().withPrecompiledCharsmap(blob), false, List.of("ＡＢ"));
    assertEquals("▁ＡＢA", n.normalize("ＡＢＡ"));
  }

  @Test
  void brokenCharsmapIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Normalizer(
        NormalizerSpec.defaults().withPrecompiledCharsmap(new byte[] {(byte) 0xFF, 0, 0, 0, 1}), false, List.of()));
  }
}
