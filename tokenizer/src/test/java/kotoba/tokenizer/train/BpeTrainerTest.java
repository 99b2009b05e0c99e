package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  private static final int VOCAB = 160;
  private static final List<String> LINES = Fixtures.multilingual(600, 11);

  private static List<String> strings(List<Piece> pieces) {
    return pieces.stream().map(Piece::piece).toList();
  }

  /**
   * A deliberately naive BPE for English-only text: recount every pair inside every word, merge the best (most
   * frequent, then shorter, then smaller string), repeat.
   */
  private static List<String> naiveMerges(List<String> lines, int merges) {
    Map<List<String>, Long> words = new HashMap<>();
    for (String line : lines) {
      for (String w : line.split("(?=\u2581)")) {
        if (w.isEmpty()) continue;
        List<String> syms = new ArrayList<>();
        w.codePoints().forEach(cp -> syms.add(new String(Character.toChars(cp))));
        words.merge(syms, 1L, Long::sum);
      }
    }
    List<String> out = new ArrayList<>();
    for (int m = 0; m < merges; m++) {
      Map<String, Long> pairs = new HashMap<>();
      Map<String, String[]> parts = new HashMap<>();
      for (Map.Entry<List<String>, Long> e : words.entrySet()) {
        List<String> s = e.getKey();
        for (int i = 0; i + 1 < s.size(); i++) {
          String joined = s.get(i) + s.get(i + 1);
          pairs.merge(joined + "\u0000" + s.get(i), e.getValue(), Long::sum);
          parts.put(joined + "\u0000" + s.get(i), new String[] {s.get(i), s.get(i + 1)});
        }
      }
      String best = null;
      for (String k : pairs.keySet()) {
        if (best == null) {
          best = k;
          continue;
        }
        String a = k.substring(0, k.indexOf('\u0000')), b = best.substring(0, best.indexOf('\u0000'));
        int c = Long.compare(pairs.get(k), pairs.get(best));
        if (c == 0) c = Integer.compare(b.codePointCount(0, b.length()), a.codePointCount(0, a.length()));
        if (c == 0) c = b.compareTo(a);
        if (c > 0) best = k;
      }
      String[] ab = parts.get(best);
      out.add(ab[0] + ab[1]);
      Map<List<String>, Long> next = new HashMap<>();
      for (Map.Entry<List<String>, Long> e : words.entrySet()) {
        List<String> s = e.getKey();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
          if (i + 1 < s.size() && s.get(i).equals(ab[0]) && s.get(i + 1).equals(ab[1])) {
            t.add(ab[0] + ab[1]);
            i++;
          } else {
            t.add(s.get(i));
          }
        }
        next.merge(t, e.getValue(), Long::sum);
      }
      words = next;
    }
    return out;
  }

  @Test
  void firstMergesAreTheMostFrequentPairs() {
    List<String> english = new ArrayList<>();
    for (String l : LINES) if (l.matches("[\u2581a-z]+")) english.add(l);
    assertTrue(english.size() > 100, "fixture has " + english.size() + " English-only lines");
    List<Piece> v = new BpeTrainer(Fixtures.bpe(100)).train(InMemorySentenceCorpus.ofLines(english)).pieces();
    List<String> want = naiveMerges(english, 15);
    assertEquals(want, strings(v.subList(3, 3 + want.size())));
  }

  @Test
  void vocabularyIsMergesByRankThenTheAlphabet() {
    TrainerSpec spec = Fixtures.bpe(VOCAB).toBuilder().characterCoverage(1.0f).build();
    List<Piece> v = new BpeTrainer(spec).train(InMemorySentenceCorpus.ofLines(LINES)).pieces();
    assertEquals(VOCAB, v.size());
    assertEquals(List.of("<unk>", "<s>", "</s>"), strings(v.subList(0, 3)));
    Set<String> chars = new HashSet<>();
    for (String l : LINES) l.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
    List<Piece> learned = v.subList(3, VOCAB);
    for (int i = 0; i < learned.size(); i++) {
      assertEquals(-i, learned.get(i).score(), 0.0, "score is minus the rank");
      assertEquals(PieceType.NORMAL, learned.get(i).type());
    }
    // The last |alphabet| pieces are exactly the corpus's characters; everything before them is a merge.
    List<String> tail = strings(learned.subList(learned.size() - chars.size(), learned.size()));
    assertEquals(chars, new HashSet<>(tail));
    for (Piece p : learned.subList(0, learned.size() - chars.size())) {
      assertTrue(p.piece().codePointCount(0, p.piece().length()) >= 2, p.piece());
    }
  }

  @Test
  void severalPartitionsGiveTheSameVocabularyAsOne() {
    List<Piece> one = new BpeTrainer(Fixtures.bpe(VOCAB)).train(InMemorySentenceCorpus.ofLines(LINES)).pieces();
    List<Piece> four =
        new BpeTrainer(Fixtures.bpe(VOCAB)).train(new ChunkedSentenceCorpus(Fixtures.weighted(LINES), 4)).pieces();
    assertEquals(one, four);
    assertEquals(one, new BpeTrainer(Fixtures.bpe(VOCAB)).train(InMemorySentenceCorpus.ofLines(LINES)).pieces());
  }

  @Test
  void mergesNeverCrossScriptsDigitsOrUnknownCharacters() {
    TrainerSpec spec = Fixtures.bpe(VOCAB).toBuilder().characterCoverage(0.98f).build();
    TrainingResult r = new BpeTrainer(spec).train(InMemorySentenceCorpus.ofLines(LINES));
    PieceValidator valid = new PieceValidator(spec);
    for (Piece p : r.pieces().subList(3, VOCAB)) {
      assertTrue(valid.isValid(p.piece()), p.piece());
      assertTrue(p.piece().indexOf('\u2585') < 0, p.piece());
    }
  }

  @Test
  void wordCapKeepsOnlyTheMostFrequentWords() {
    // With a cap of one word, every merge must come from the single most frequent word.
    Map<String, Long> counts = new HashMap<>();
    for (String l : LINES) for (String w : l.split("(?=\u2581)")) if (!w.isEmpty()) counts.merge(w, 1L, Long::sum);
    String top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
    TrainerSpec spec = Fixtures.bpe(200).toBuilder().hardVocabLimit(false).build();
    List<Piece> v = new BpeTrainer(spec, 1).train(InMemorySentenceCorpus.ofLines(LINES)).pieces();
    int merges = 0;
    for (Piece p : v.subList(3, v.size())) {
      if (p.piece().codePointCount(0, p.piece().length()) < 2) continue;
      merges++;
      assertTrue(top.contains(p.piece()), p.piece() + " is not part of " + top);
    }
    assertTrue(merges > 0 && merges < top.codePointCount(0, top.length()), "merges=" + merges);
    assertTrue(v.size() < 200, "soft limit should allow a smaller vocabulary");
  }

  @Test
  void inputSentenceSizeTrainsOnADeterministicSample() {
    TrainerSpec spec = Fixtures.bpe(120).toBuilder().inputSentenceSize(200).build();
    TrainingResult a = new BpeTrainer(spec).train(InMemorySentenceCorpus.ofLines(LINES));
    TrainingResult b = new BpeTrainer(spec).train(new ChunkedSentenceCorpus(Fixtures.weighted(LINES), 3));
    assertEquals(LINES.size(), a.stats().sentencesSeen());
    assertTrue(Math.abs(a.stats().sentencesUsed() - 200) <= 1, "used " + a.stats().sentencesUsed());
    assertEquals(LINES.size() - a.stats().sentencesUsed(), a.stats().sentencesSampledOut());
    assertEquals(a.pieces(), b.pieces());
  }
}
