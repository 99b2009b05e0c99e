package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatticeTest {
  private static final List<String> PIECES = List.of("a", "b", "ab", "ba", "aba", "bab");
  private static final double[] SCORES = {-1.0, -1.5, -1.2, -2.5, -2.0, -3.0};

  /** Every segmentation of {@code word} into PIECES, as lists of piece ids. */
  private static void enumerate(String word, List<Integer> prefix, List<List<Integer>> out) {
    if (word.isEmpty()) {
      out.add(new ArrayList<>(prefix));
      return;
    }
    for (int id = 0; id < PIECES.size(); id++) {
      if (word.startsWith(PIECES.get(id))) {
        prefix.add(id);
        enumerate(word.substring(PIECES.get(id).length()), prefix, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  private static double score(List<Integer> path) {
    double s = 0;
    for (int id : path) s += SCORES[id];
    return s;
  }

  @Test
  void forwardBackwardMatchesBruteForceOverAllSegmentations() {
    String word = "ababa";
    List<List<Integer>> paths = new ArrayList<>();
    enumerate(word, new ArrayList<>(), paths);
    double z = 0;
    for (List<Integer> p : paths) z += Math.exp(score(p));
    double[] want = new double[PIECES.size()];
    for (List<Integer> p : paths) for (int id : p) want[id] += 3 * Math.exp(score(p)) / z;

    Lattice l = new Lattice(word.codePoints().toArray(), new PieceTrie(PIECES), SCORES, -100);
    double[] got = new double[PIECES.size()];
    double logZ = l.addExpectedCounts(3, got);
    assertEquals(Math.log(z), logZ, 1e-9);
    assertArrayEquals(want, got, 1e-9);
  }

  @Test
  void theForwardPassCountsTheSameViterbiTokensAsTheViterbiPass() {
    PieceTrie trie = new PieceTrie(PIECES);
    Lattice reused = new Lattice();
    for (String word : List.of("ababa", "bab", "a", "abxab", "babababbaba", "x")) {
      Lattice l = reused.reset(word.codePoints().toArray(), trie, SCORES, -20);
      l.addExpectedCounts(1, new double[PIECES.size()]);
      assertEquals(l.viterbi(-1).length, l.viterbiTokens(), word);
    }
  }

  @Test
  void viterbiFindsTheBestSegmentationAndCanExcludeANode() {
    String word = "abab";
    List<List<Integer>> paths = new ArrayList<>();
    enumerate(word, new ArrayList<>(), paths);
    List<Integer> best = paths.get(0);
    for (List<Integer> p : paths) if (score(p) > score(best)) best = p;

    Lattice l = new Lattice(word.codePoints().toArray(), new PieceTrie(PIECES), SCORES, -100);
    List<Integer> got = new ArrayList<>();
    for (int node : l.viterbi(-1)) got.add(l.pieceId(node));
    assertEquals(best, got);

    Lattice single = new Lattice("aba".codePoints().toArray(), new PieceTrie(PIECES), new double[] {-5, -5, -5, -5, -1, -5}, -100);
    int whole = single.wholeWordNode(4);
    List<Integer> second = new ArrayList<>();
    for (int node : single.viterbi(whole)) second.add(single.pieceId(node));
    assertEquals(2, second.size()); // "ab"+"a" or "a"+"ba", both -10, better than three singles (-15)
  }

  @Test
  void charactersWithoutAPieceBecomeUnknownNodes() {
    Lattice l = new Lattice("axb".codePoints().toArray(), new PieceTrie(PIECES), SCORES, -20);
    int[] path = l.viterbi(-1);
    assertEquals(3, path.length);
    assertEquals(Lattice.UNK, l.pieceId(path[1]));
    Lattice onlyA = new Lattice("a".codePoints().toArray(), new PieceTrie(List.of("a")), new double[] {-1}, -20);
    assertNull(onlyA.viterbi(onlyA.wholeWordNode(0)));
  }
}
