package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class SentencePreparerTest {
  private final TrainerSpec spec = TrainerSpec.defaults().toBuilder().maxSentenceLength(20).build();

  @Test
  void unusableSentencesGetADropReason() {
    SentencePreparer p = new SentencePreparer(spec, List.of());
    assertNull(p.dropReason(WeightedSentence.of("▁fine")));
    assertEquals(SentencePreparer.EMPTY, p.dropReason(WeightedSentence.of("")));
    assertEquals(SentencePreparer.NON_POSITIVE_COUNT, p.dropReason(new WeightedSentence("▁a", 0)));
    assertEquals(SentencePreparer.TOO_LONG, p.dropReason(WeightedSentence.of("▁" + "あ".repeat(7))));
    assertEquals(SentencePreparer.RESERVED_CHAR, p.dropReason(WeightedSentence.of("▁a\u2585")));
    assertEquals(SentencePreparer.UNESCAPED_SPACE, p.dropReason(WeightedSentence.of("▁a b")));
    assertEquals(SentencePreparer.NULL_TEXT, p.dropReason(new WeightedSentence(null, 1)));
  }

  @Test
  void metaSymbolsCutTheTextLongestFirst() {
    SentencePreparer p = new SentencePreparer(spec, List.of("<m>", "<mask>"));
    assertEquals(List.of("▁a", "b", "c"), p.segments("<m>▁a<mask>b<m>c<mask>"));
  }

  @Test
  void wordsReplaceRareCharactersWithTheUnknownMarker() {
    SentencePreparer p =
        new SentencePreparer(spec, List.of("<m>")).withRequiredChars(new int[] {'▁', 'a', 'b'});
    assertEquals(List.of("▁ab", "▁\u2585a", "b"), p.words(WeightedSentence.of("▁ab▁za<m>b")));
    assertEquals(List.of(), p.words(WeightedSentence.of("has space")));
  }
}
