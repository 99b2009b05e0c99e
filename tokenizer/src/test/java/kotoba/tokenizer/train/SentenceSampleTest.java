package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class SentenceSampleTest {
  private static List<WeightedSentence> numbered(int n) {
    List<WeightedSentence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(WeightedSentence.of("▁s" + i));
    return out;
  }

  private static List<String> texts(SentenceCorpus c) {
    ArrayList<String> out =
        c.aggregate(new ArrayList<String>(), (acc, s) -> {
          acc.add(s.text());
          return acc;
        }, (a, b) -> {
          a.addAll(b);
          return a;
        });
    out.sort(null);
    return out;
  }

  private final SentencePreparer prep = new SentencePreparer(TrainerSpec.defaults(), List.of());

  @Test
  void keepsAboutTheRequestedNumberOfSentences() {
    SentenceSample.Result r = SentenceSample.sample(new InMemorySentenceCorpus(numbered(5000)), 500, prep);
    int kept = texts(r.corpus()).size();
    assertTrue(kept >= 500 && kept <= 501, "kept " + kept);
    assertEquals(5000 - kept, r.sentencesSampledOut());
  }

  @Test
  void sampleIsTheSameForAnyPartitioningAndRun() {
    List<String> one = texts(SentenceSample.sample(new InMemorySentenceCorpus(numbered(3000)), 200, prep).corpus());
    List<String> again = texts(SentenceSample.sample(new InMemorySentenceCorpus(numbered(3000)), 200, prep).corpus());
    List<String> chunked = texts(SentenceSample.sample(new ChunkedSentenceCorpus(numbered(3000), 4), 200, prep).corpus());
    assertEquals(one, again);
    assertEquals(one, chunked);
  }

  @Test
  void smallCorporaAreNotSampled() {
    SentenceCorpus c = new InMemorySentenceCorpus(numbered(50));
    assertSame(c, SentenceSample.sample(c, 200, prep).corpus());
  }

  @Test
  void droppedSentencesStayVisibleSoTheyAreCountedWithTheirReason() {
    List<WeightedSentence> in = new ArrayList<>(numbered(2000));
    in.add(WeightedSentence.of("has a space"));
    SentenceCorpus sampled = SentenceSample.sample(new InMemorySentenceCorpus(in), 150, prep).corpus();
    assertTrue(texts(sampled).contains("has a space"));
  }
}
