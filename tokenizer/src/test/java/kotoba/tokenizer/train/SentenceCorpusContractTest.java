package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceCorpusContractTest {
  private static final List<WeightedSentence> SENTENCES =
      List.of(
          new WeightedSentence("a b c", 1),
          new WeightedSentence("b c", 2),
          new WeightedSentence("c", 3),
          new WeightedSentence("a d", 1));

  private static SerialFunction<WeightedSentence, Iterable<KeyCount>> letters() {
    return s -> {
      List<KeyCount> out = new ArrayList<>();
      for (String t : s.text().split(" ")) out.add(new KeyCount(t, s.count()));
      return out;
    };
  }

  @Test
  void topKeysSumsPerKeyAndOrdersByScoreThenKey() {
    List<KeyCount> top = new InMemorySentenceCorpus(SENTENCES).topKeys(letters(), (k, total) -> total, 10, 1);
    // c: 1+2+3, b: 1+2, a: 1+1, d: 1
    assertEquals(
        List.of(new KeyCount("c", 6), new KeyCount("b", 3), new KeyCount("a", 2), new KeyCount("d", 1)), top);
  }

  @Test
  void topKeysDropsKeysBelowMinCountAndKeepsOnlyK() {
    List<KeyCount> top = new InMemorySentenceCorpus(SENTENCES).topKeys(letters(), (k, total) -> total, 2, 3);
    assertEquals(List.of(new KeyCount("c", 6), new KeyCount("b", 3)), top);
    assertEquals(List.of(new KeyCount("c", 6)), new InMemorySentenceCorpus(SENTENCES).topKeys(letters(), (k, t) -> t, 1, 1));
  }

  @Test
  void topKeysBreaksScoreTiesByKey() {
    List<KeyCount> top = new InMemorySentenceCorpus(SENTENCES).topKeys(letters(), (k, total) -> 1.0, 4, 1);
    assertEquals(List.of("a", "b", "c", "d"), top.stream().map(KeyCount::key).toList());
  }

  @Test
  void chunkedCorpusGivesTheSameAggregateAndTopKeysAsOnePartition() {
    SerialBiFunction<long[], WeightedSentence, long[]> add =
        (acc, s) -> {
          acc[0] += s.count();
          acc[1] += s.text().length() * s.count();
          return acc;
        };
    SerialBinaryOperator<long[]> merge =
        (a, b) -> {
          a[0] += b[0];
          a[1] += b[1];
          return a;
        };
    long[] one = new InMemorySentenceCorpus(SENTENCES).aggregate(new long[2], add, merge);
    long[] three = new ChunkedSentenceCorpus(SENTENCES, 3).aggregate(new long[2], add, merge);
    assertEquals(7, one[0]);
    assertEquals(one[0], three[0]);
    assertEquals(one[1], three[1]);
    assertEquals(
        new InMemorySentenceCorpus(SENTENCES).topKeys(letters(), (k, t) -> t, 3, 1),
        new ChunkedSentenceCorpus(SENTENCES, 3).topKeys(letters(), (k, t) -> t, 3, 1));
  }

  @Test
  void filteredCorpusOnlyShowsKeptSentences() {
    SentenceCorpus filtered = new FilteredCorpus(new InMemorySentenceCorpus(SENTENCES), s -> s.count() >= 2);
    long total = filtered.aggregate(new long[1], (acc, s) -> {
      acc[0] += s.count();
      return acc;
    }, (a, b) -> {
      a[0] += b[0];
      return a;
    })[0];
    assertEquals(5, total);
    assertEquals(List.of(new KeyCount("c", 5), new KeyCount("b", 2)), filtered.topKeys(letters(), (k, t) -> t, 5, 1));
  }
}
