package kotoba.tokenizer.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {
  @Test
  void trainerDefaultsAreSentencePieces() {
    TrainerSpec s = TrainerSpec.defaults();
    assertEquals(TrainerSpec.ModelType.UNIGRAM, s.modelType());
    assertEquals(8000, s.vocabSize());
    assertEquals(0.9995f, s.characterCoverage());
    assertEquals(0, s.unkId());
    assertEquals(1, s.bosId());
    assertEquals(2, s.eosId());
    assertEquals(-1, s.padId());
    assertEquals(" \u2047 ", s.unkSurface());
    assertTrue(s.splitByUnicodeScript());
    assertFalse(s.byteFallback());
    assertEquals(16, s.maxSentencepieceLength());
  }

  @Test
  void withersChangeOnlyTheirField() {
    TrainerSpec s = TrainerSpec.defaults().withVocabSize(500).withByteFallback(true)
        .withUserDefinedSymbols(List.of("<sep>"));
    assertEquals(500, s.vocabSize());
    assertTrue(s.byteFallback());
    assertEquals(List.of("<sep>"), s.userDefinedSymbols());
    assertEquals(TrainerSpec.defaults().toBuilder().vocabSize(500).byteFallback(true)
        .userDefinedSymbols(List.of("<sep>")).build(), s);
  }

  @Test
  void normalizerSpecComparesCharsmapByContent() {
    NormalizerSpec a = NormalizerSpec.defaults().withPrecompiledCharsmap(new byte[] {1, 2});
    NormalizerSpec b = NormalizerSpec.defaults().withPrecompiledCharsmap(new byte[] {1, 2});
    assertEquals(a, b);
    assertNotEquals(a, NormalizerSpec.defaults());
    assertTrue(NormalizerSpec.defaults().addDummyPrefix());
  }
}
