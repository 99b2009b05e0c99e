package kotoba.tokenizer.encode;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import kotoba.tokenizer.model.TestModels;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void viterbiPicksTheHighestScoringSegmentation() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    // "▁abc": ▁ab+c = -2.2-3 = -5.2 beats ▁a+bc = -6, ▁+abc = -6.5, ▁a+b+c = -8.5.
    assertEquals(List.of("▁ab", "c"), t.encodeAsPieces("abc"));
    // The UNUSED piece "abcabc" (score -1) must never be chosen.
    assertFalse(t.encodeAsPieces("abcabc").contains("abcabc"));
  }

  @Test
  void consecutiveUnknownCharactersBecomeOneUnk() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    int[] ids = t.encode("xyz a");
    assertEquals(t.unkId(), ids[1]);
    assertNotEquals(t.unkId(), ids[2]);
    assertEquals(List.of("▁", "xyz", "▁a"), t.encodeAsPieces("xyz a"));
    // spm: the leading "▁" is stripped, unk prints its surface " ⁇ ", then "▁a" gives " a".
    assertEquals(" ⁇  a", t.decode(ids));
  }

  @Test
  void byteFallbackSpellsUnknownsAsUtf8Bytes() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(true));
    int[] ids = t.encode("aé");
    assertEquals(List.of("▁a", "<0xC3>", "<0xA9>"), t.encodeAsPieces("aé"));
    assertEquals("aé", t.decode(ids));
  }

  @Test
  void userDefinedSymbolsAreKeptWhole() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    assertTrue(t.encodeAsPieces("ab<sep>c").contains("<sep>"));
    assertEquals(3, t.pieceToId("<sep>"));
  }

  @Test
  void controlIdsAndUnknownPiecesResolve() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    assertEquals(0, t.unkId());
    assertEquals(1, t.bosId());
    assertEquals(2, t.eosId());
    assertEquals(-1, t.padId());
    assertEquals(t.unkId(), t.pieceToId("not-a-piece"));
    assertEquals("", t.decode(new int[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> t.decode(new int[] {t.vocabSize()}));
  }

  @Test
  void serializedTokenizerEncodesTheSame() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(true));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(t);
    }
    Tokenizer back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (Tokenizer) in.readObject();
    }
    assertArrayEquals(t.encode("abc 犬 é"), back.encode("abc 犬 é"));
    assertTrue(bytes.size() < 20_000, "only model bytes travel: " + bytes.size());
  }

  @Test
  void samplingVariesSegmentationButNeverTheText() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    SplittableRandom rng = new SplittableRandom(1);
    Set<List<Integer>> seen = new HashSet<>();
    int[] best = t.encode("abc abc");
    for (int i = 0; i < 200; i++) {
      int[] ids = t.sampleEncode("abc abc", 0.5f, rng);
      assertEquals(t.decode(best), t.decode(ids));
      seen.add(java.util.Arrays.stream(ids).boxed().toList());
    }
    assertTrue(seen.size() > 2, "several segmentations sampled: " + seen.size());
    assertTrue(seen.contains(java.util.Arrays.stream(best).boxed().toList()));
  }

  @Test
  void samplingFrequenciesFollowThePathProbabilities() throws Exception {
    Tokenizer t = Tokenizer.of(TestModels.tinyUnigram(false));
    // "▁bc" has two paths: ▁+bc (-2-3.5 = -5.5) and ▁+b+c (-2-3-3 = -8); with alpha 1 the first has
    // probability e^-5.5 / (e^-5.5 + e^-8) ≈ 0.924.
    SplittableRandom rng = new SplittableRandom(7);
    int n = 20000, first = 0;
    for (int i = 0; i < n; i++) if (t.sampleEncode("bc", 1f, rng).length == 2) first++;
    double expected = Math.exp(-5.5) / (Math.exp(-5.5) + Math.exp(-8));
    assertEquals(expected, first / (double) n, 0.01);
  }
}
