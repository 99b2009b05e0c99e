package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class RequiredCharsTest {
  private static List<String> chars(List<RequiredChars.CharCount> cs) {
    return cs.stream().map(RequiredChars.CharCount::string).toList();
  }

  @Test
  void coverageStopsBeforeTheRarestCharacters() {
    Map<Integer, Long> counts = new HashMap<>();
    counts.put((int) 'a', 600L);
    counts.put((int) 'b', 300L);
    counts.put((int) 'c', 99L);
    counts.put((int) 'z', 1L);
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().characterCoverage(0.99f).build();
    assertEquals(List.of("a", "b", "c"), chars(RequiredChars.select(spec, counts)));
    TrainerSpec all = TrainerSpec.defaults().toBuilder().characterCoverage(1.0f).build();
    assertEquals(List.of("a", "b", "c", "z"), chars(RequiredChars.select(all, counts)));
  }

  @Test
  void requiredCharsOptionForcesCharactersInEvenWhenUnseen() {
    Map<Integer, Long> counts = new HashMap<>();
    counts.put((int) 'a', 1000L);
    counts.put((int) 'q', 1L);
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().characterCoverage(0.98f).requiredChars("qé").build();
    // Forced characters are picked first; the result is ordered by count, as spm appends them.
    assertEquals(List.of("a", "q", "é"), chars(RequiredChars.select(spec, counts)));
  }

  @Test
  void countingSkipsDroppedSentencesAndMetaSymbols() {
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().userDefinedSymbols(List.of("<x>")).build();
    SentencePreparer prep = new SentencePreparer(spec, List.of("<x>"));
    InMemorySentenceCorpus corpus =
        new InMemorySentenceCorpus(
            List.of(new WeightedSentence("▁ab<x>", 2), new WeightedSentence("bad text", 1), new WeightedSentence("▁b", 1)));
    RequiredChars.Counts c = RequiredChars.count(corpus, prep);
    assertEquals(Map.of((int) '▁', 3L, (int) 'a', 2L, (int) 'b', 3L), c.chars());
    assertEquals(Map.of(SentencePreparer.UNESCAPED_SPACE, 1L), c.drops);
  }
}
