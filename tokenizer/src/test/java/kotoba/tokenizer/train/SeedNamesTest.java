package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class SeedNamesTest {
  private static final TrainerSpec SPEC = TrainerSpec.defaults();
  private static final List<WeightedSentence> WORDS = List.of(
      new WeightedSentence("▁parliament", 5),
      new WeightedSentence("▁parlament", 2),
      new WeightedSentence("▁鉄道の安全について委員会は報告書を公表しました", 3),
      new WeightedSentence("▁安全について", 4),
      new WeightedSentence("▁2024年", 1),
      new WeightedSentence("▁abab", 2));

  /** Seed counting as the unigram trainer does it, spelled out with tags holding {@code startBits} bits. */
  private static Map<String, Long> spelled(int startBits, int k) {
    PieceValidator valid = new PieceValidator(SPEC);
    SubstringFingerprints fp = new SubstringFingerprints(valid, SPEC.maxSentencepieceLength(), true, startBits);
    SentenceCorpus corpus = new ChunkedSentenceCorpus(WORDS, 3);
    LongTopK top = corpus.topLongKeys((w, sink) -> {
      long word = fp.wordTag(w.text());
      fp.forEach(w.text(), (f, cps, start, len) -> sink.add(f, w.count(), fp.tag(word, start)));
    }, (f, total) -> (double) total * fp.length(f), k, 1);
    SeedNames names = new SeedNames(fp, top);
    String[] got = names.complete(corpus.aggregate(new String[0], names::add, SeedNames::merge));
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < got.length; i++) out.put(got[i], top.totals()[i]);
    return out;
  }

  /** Every candidate substring with its count, by brute force over strings. */
  private static Map<String, Long> bruteForce() {
    PieceValidator valid = new PieceValidator(SPEC);
    Map<String, Long> counts = new HashMap<>();
    for (WeightedSentence w : WORDS) {
      int[] cps = w.text().codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        for (int len = 2; len <= SPEC.maxSentencepieceLength() && i + len <= cps.length; len++) {
          if (!valid.isValid(cps, i, i + len)) break;
          counts.merge(new String(cps, i, len), w.count(), Long::sum);
        }
      }
    }
    return counts;
  }

  @Test
  void spellsEveryChosenFingerprintAsTheSubstringItCountedWithTheSameCount() {
    Map<String, Long> all = bruteForce();
    Map<String, Long> got = spelled(SubstringFingerprints.START_BITS, 1_000);
    assertEquals(all, got);
  }

  @Test
  void startsTooFarIntoAWordForTheTagAreFoundBySearchingTheWord() {
    // Two start bits: every candidate starting past code point 2 is tagged "somewhere in this word".
    assertEquals(bruteForce(), spelled(2, 1_000));
  }

  @Test
  void aNameThatNoWordGivesIsAnErrorNotANull() {
    PieceValidator valid = new PieceValidator(SPEC);
    SubstringFingerprints fp = new SubstringFingerprints(valid, SPEC.maxSentencepieceLength(), true);
    LongTopK madeUp = new LongTopK(new long[] {42}, new long[] {1}, new double[] {1}, new long[] {fp.tag(7L << 30, 0)});
    SeedNames names = new SeedNames(fp, madeUp);
    String[] got = new ChunkedSentenceCorpus(WORDS, 2).aggregate(new String[0], names::add, SeedNames::merge);
    assertThrows(IllegalStateException.class, () -> names.complete(got));
  }
}
