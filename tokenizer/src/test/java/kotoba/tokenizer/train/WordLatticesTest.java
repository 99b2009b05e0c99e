package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordLatticesTest {
  private static final String ALPHABET = "abcdeあい𠀋";

  private static List<WeightedSentence> words(Random r, int n) {
    int[] cps = ALPHABET.codePoints().toArray();
    List<WeightedSentence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder("▁");
      int len = 1 + r.nextInt(12);
      for (int j = 0; j < len; j++) sb.appendCodePoint(cps[r.nextInt(cps.length)]);
      out.add(new WeightedSentence(sb.toString(), 1 + r.nextInt(5)));
    }
    return out;
  }

  /** Every single character plus random substrings of the words, in code-point order like the trainer's model. */
  private static List<String> pieces(Random r, List<WeightedSentence> words) {
    Set<String> set = new LinkedHashSet<>();
    "▁".concat(ALPHABET).codePoints().forEach(cp -> set.add(new String(Character.toChars(cp))));
    for (WeightedSentence w : words) {
      int[] cps = CodePoints.of(w.text());
      for (int k = 0; k < 3; k++) {
        int b = r.nextInt(cps.length);
        int e = Math.min(cps.length, b + 1 + r.nextInt(5));
        set.add(new String(cps, b, e - b));
      }
    }
    List<String> sorted = new ArrayList<>(set);
    sorted.sort(CodePointOrder::compare);
    return sorted;
  }

  private static double[] scores(Random r, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = -1 - 10 * r.nextDouble();
    return s;
  }

  /** Random words, pieces over them and scores, from one seed. */
  private record Case(Random random, List<WeightedSentence> words, List<String> pieces, double[] scores) {
    static Case of(long seed, int words) {
      Random r = new Random(seed);
      List<WeightedSentence> w = WordLatticesTest.words(r, words);
      List<String> p = WordLatticesTest.pieces(r, w);
      return new Case(r, w, p, WordLatticesTest.scores(r, p.size()));
    }
  }

  private static void assertSameLattice(Lattice expected, Lattice actual, String word) {
    assertEquals(expected.length(), actual.length(), word);
    assertEquals(expected.nodeCount(), actual.nodeCount(), word);
    for (int i = 0; i < expected.nodeCount(); i++) {
      assertEquals(expected.begin(i), actual.begin(i), word + " node " + i);
      assertEquals(expected.end(i), actual.end(i), word + " node " + i);
      assertEquals(expected.pieceId(i), actual.pieceId(i), word + " node " + i);
    }
    // Same scores in the same order: bit-identical forward-backward.
    double[] a = new double[1000];
    double[] b = new double[1000];
    assertEquals(expected.addExpectedCounts(2, a), actual.addExpectedCounts(2, b), word);
    assertEquals(expected.viterbiTokens(), actual.viterbiTokens(), word);
    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], word);
  }

  @Test
  void advancingThroughRemovalsGivesTheLatticesTheNextTrieBuilds() {
    Case c = Case.of(11, 300);
    Random r = c.random();
    List<WeightedSentence> words = c.words();
    List<String> pieces = c.pieces();
    double[] scores = c.scores();
    double unk = -30;
    WordLattices cached =
        WordLattices.build(words, new PieceTrie(pieces), scores, unk, 0, new Lattice(), Long.MAX_VALUE);
    assertNotNull(cached);
    boolean lostASingleCharacter = false;
    for (int generation = 1; generation <= 6; generation++) {
      // Remove about a quarter of the pieces, single characters included, so unknown nodes have to appear.
      boolean[] keep = new boolean[pieces.size()];
      int[] newIdOf = new int[pieces.size()];
      List<String> next = new ArrayList<>();
      for (int i = 0; i < keep.length; i++) {
        keep[i] = r.nextInt(4) != 0;
        if (!keep[i] && pieces.get(i).codePointCount(0, pieces.get(i).length()) == 1) lostASingleCharacter = true;
        newIdOf[i] = keep[i] ? next.size() : -1;
        if (keep[i]) next.add(pieces.get(i));
      }
      cached.advance(newIdOf, generation);
      pieces = next;
      scores = scores(r, pieces.size());
      assertEquals(generation, cached.generation());
      PieceTrie trie = new PieceTrie(pieces);
      Lattice fresh = new Lattice();
      Lattice filled = new Lattice();
      for (int w = 0; w < words.size(); w++) {
        String text = words.get(w).text();
        assertSameLattice(
            fresh.reset(CodePoints.of(text), trie, scores, unk), cached.fill(w, filled, scores, unk), text);
      }
    }
    assertTrue(lostASingleCharacter);
  }

  @Test
  void aFreshBuildFillsTheSameLatticesAsTheTrie() {
    Case c = Case.of(5, 100);
    List<WeightedSentence> words = c.words();
    double[] scores = c.scores();
    PieceTrie trie = new PieceTrie(c.pieces());
    WordLattices cached = WordLattices.build(words, trie, scores, -20, 7, new Lattice(), Long.MAX_VALUE);
    assertEquals(7, cached.generation());
    for (int w = 0; w < words.size(); w++) {
      String text = words.get(w).text();
      assertSameLattice(new Lattice(CodePoints.of(text), trie, scores, -20),
          cached.fill(w, new Lattice(), scores, -20), text);
    }
  }

  @Test
  void aPartitionOverItsNodeBudgetIsNotCached() {
    Case c = Case.of(5, 100);
    List<WeightedSentence> words = c.words();
    PieceTrie trie = new PieceTrie(c.pieces());
    double[] scores = c.scores();
    int needed = WordLattices.build(words, trie, scores, -20, 0, new Lattice(), Long.MAX_VALUE).nodeCount();
    assertNotNull(WordLattices.build(words, trie, scores, -20, 0, new Lattice(), needed));
    assertNull(WordLattices.build(words, trie, scores, -20, 0, new Lattice(), needed - 1));
  }

  @Test
  void piecesTooLongForThePackingAreNotCached() {
    assertTrue(WordLattices.fits(1_000_000, 16));
    assertFalse(WordLattices.fits(1_000_000, 128));
    assertFalse(WordLattices.fits(1 << 24, 16));
  }
}
