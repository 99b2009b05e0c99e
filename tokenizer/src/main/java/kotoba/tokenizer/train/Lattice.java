package kotoba.tokenizer.train;

import java.util.Arrays;

/**
 * All segmentations of one word under a unigram model, with the forward-backward and Viterbi passes the unigram
 * trainer needs. Nodes are kept in order of their start position, which is a topological order, so each pass is a
 * single sweep over the node arrays.
 */
final class Lattice {
  /** Id of the node covering a character no piece starts with, as in spm's lattice. */
  static final int UNK = -1;

  private int length;
  private int count;
  private int[] begin = new int[16];
  private int[] end = new int[16];
  private int[] pieceId = new int[16];
  private double[] score = new double[16];
  // Scratch for building and for the passes, kept so a reused lattice allocates nothing per word.
  private int[] ids = new int[0];
  private int[] lens = new int[0];
  private double[] alpha = new double[0];
  private double[] beta = new double[0];
  private int[] back = new int[0];
  private double[] vbest = new double[0];
  private int[] vlen = new int[0];
  private int viterbiTokens;

  /**
   * Builds the lattice of {@code word} (code points). As in spm, a position without a single-character piece gets an
   * unknown node scored {@code unkScore}, so every word has at least one segmentation.
   */
  Lattice(int[] word, PieceTrie trie, double[] scores, double unkScore) {
    reset(word, trie, scores, unkScore);
  }

  /** An empty lattice to {@link #reset} once per word: the E-step builds one lattice per distinct word per round. */
  Lattice() {}

  /** Rebuilds this lattice for another word, reusing its arrays. */
  Lattice reset(int[] word, PieceTrie trie, double[] scores, double unkScore) {
    clear(word.length);
    if (ids.length < trie.maxDepth() + 1) {
      ids = new int[trie.maxDepth() + 1];
      lens = new int[trie.maxDepth() + 1];
    }
    for (int pos = 0; pos < word.length; pos++) {
      int m = trie.matches(word, pos, ids, lens);
      boolean single = false;
      for (int j = 0; j < m; j++) {
        add(pos, pos + lens[j], ids[j], scores[ids[j]]);
        if (lens[j] == 1) single = true;
      }
      if (!single) add(pos, pos + 1, UNK, unkScore);
    }
    return this;
  }

  /**
   * Empties this lattice for a word of {@code length} code points, whose nodes then come through {@link #add} in order
   * of their start positions (how {@link WordLattices} refills it from its cache).
   */
  Lattice clear(int length) {
    this.length = length;
    this.count = 0;
    if (alpha.length < length + 1) {
      int cap = Math.max(length + 1, alpha.length * 2);
      alpha = new double[cap];
      beta = new double[cap];
      back = new int[cap];
      vbest = new double[cap];
      vlen = new int[cap];
    }
    return this;
  }

  int length() {
    return length;
  }

  int begin(int node) {
    return begin[node];
  }

  int end(int node) {
    return end[node];
  }

  int nodeCount() {
    return count;
  }

  int pieceId(int node) {
    return pieceId[node];
  }

  /**
   * Adds {@code freq} times each piece's posterior count to {@code expected} and returns log Z, the log marginal
   * likelihood of the word.
   */
  double addExpectedCounts(double freq, double[] expected) {
    Arrays.fill(alpha, 0, length + 1, Double.NEGATIVE_INFINITY);
    Arrays.fill(beta, 0, length + 1, Double.NEGATIVE_INFINITY);
    alpha[0] = 0;
    beta[length] = 0;
    // The Viterbi pass rides along the forward pass (same sweep, same tie rule as viterbi()): the E-step logs the
    // number of Viterbi tokens, and a separate sweep cost as much as this one.
    double[] best = vbest;
    Arrays.fill(best, 0, length + 1, Double.NEGATIVE_INFINITY);
    best[0] = 0;
    vlen[0] = 0;
    for (int i = 0; i < count; i++) {
      int b = begin[i];
      int e = end[i];
      alpha[e] = logAdd(alpha[e], alpha[b] + score[i]);
      double s = best[b] + score[i];
      if (s > best[e]) {
        best[e] = s;
        vlen[e] = vlen[b] + 1;
      }
    }
    viterbiTokens = vlen[length];
    for (int i = count - 1; i >= 0; i--) beta[begin[i]] = logAdd(beta[begin[i]], score[i] + beta[end[i]]);
    double z = alpha[length];
    for (int i = 0; i < count; i++) {
      if (pieceId[i] < 0) continue;
      expected[pieceId[i]] += freq * Math.exp(alpha[begin[i]] + score[i] + beta[end[i]] - z);
    }
    return z;
  }

  /** The number of pieces on the best segmentation, as found by the last {@link #addExpectedCounts}. */
  int viterbiTokens() {
    return viterbiTokens;
  }

  /** The best segmentation as node indices, or null if none exists without {@code excludedNode} (-1 excludes none). */
  int[] viterbi(int excludedNode) {
    double[] best = alpha;
    Arrays.fill(best, 0, length + 1, Double.NEGATIVE_INFINITY);
    best[0] = 0;
    for (int i = 0; i < count; i++) {
      if (i == excludedNode || best[begin[i]] == Double.NEGATIVE_INFINITY) continue;
      double s = best[begin[i]] + score[i];
      if (s > best[end[i]]) {
        best[end[i]] = s;
        back[end[i]] = i;
      }
    }
    if (best[length] == Double.NEGATIVE_INFINITY) return null;
    int n = 0;
    for (int pos = length; pos > 0; pos = begin[back[pos]]) n++;
    int[] path = new int[n];
    for (int pos = length; pos > 0; pos = begin[back[pos]]) path[--n] = back[pos];
    return path;
  }

  /** The node that spans the whole word as piece {@code id}, or -1. */
  int wholeWordNode(int id) {
    for (int i = 0; i < count && begin[i] == 0; i++) {
      if (end[i] == length && pieceId[i] == id) return i;
    }
    return -1;
  }

  /** Appends the node [b, e) for piece {@code id} ({@link #UNK} for an unknown character) with score {@code s}. */
  void add(int b, int e, int id, double s) {
    if (count == begin.length) {
      int cap = count * 2;
      begin = Arrays.copyOf(begin, cap);
      end = Arrays.copyOf(end, cap);
      pieceId = Arrays.copyOf(pieceId, cap);
      score = Arrays.copyOf(score, cap);
    }
    begin[count] = b;
    end[count] = e;
    pieceId[count] = id;
    score[count] = s;
    count++;
  }

  /**
   * log(e^a + e^b) as spm's LogSumExp computes it: log(exp(d) + 1) rather than log1p (an intrinsic, where log1p is
   * not), and exactly the larger term once the smaller is e^-50 below it.
   */
  private static double logAdd(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) return b;
    if (b == Double.NEGATIVE_INFINITY) return a;
    double hi = Math.max(a, b);
    double d = Math.min(a, b) - hi;
    return d < -MINUS_LOG_EPSILON ? hi : hi + Math.log(Math.exp(d) + 1.0);
  }

  /** spm's kMinusLogEpsilon. */
  private static final double MINUS_LOG_EPSILON = 50;
}
