package kotoba.tokenizer.encode;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import kotoba.tokenizer.normalize.DoubleArray;
import kotoba.tokenizer.normalize.Utf8;

/**
 * Unigram-LM segmentation (Kudo 2018) as spm does it: the best path by Viterbi, or a path sampled in proportion
 * to exp(score / theta) by forward-filtering backward-sampling (subword regularization).
 *
 * <p>Positions are UTF-8 byte offsets into the normalized text; pieces are found by walking the piece trie from
 * each character start, so no lattice is materialized for best-path decoding.
 */
final class UnigramEncoder {
  /** spm scores an unknown character this far below the worst real piece. */
  static final float UNK_PENALTY = 10.0f;

  private final Vocabulary vocab;
  private final float unkScore;

  UnigramEncoder(Vocabulary vocab) {
    this.vocab = vocab;
    this.unkScore = vocab.minScore - UNK_PENALTY;
  }

  /** Best segmentation, following spm's optimized encoder (including its float/double arithmetic). */
  Segmentation encode(byte[] s) {
    int size = s.length;
    float[] best = new float[size + 1];
    int[] startsAt = new int[size + 1];
    int[] ids = new int[size + 1];
    Arrays.fill(startsAt, -1);
    DoubleArray trie = vocab.trie;
    int start = 0;
    while (start < size) {
      float here = best[start];
      boolean hasSingle = false;
      int mblen = Math.min(Utf8.charLen(s[start]), size - start);
      int node = DoubleArray.ROOT;
      for (int key = start; key < size; ) {
        node = trie.next(node, s[key] & 0xFF);
        if (node < 0) break;
        key++;
        int id = trie.value(node);
        if (id < 0 || vocab.isUnused(id)) continue;
        int length = key - start;
        // spm: `score = user_defined ? length * max_score - 0.1 : GetScore(id)` has type double because of the 0.1,
        // so every candidate is summed and compared in double and only rounded to float when stored. Summing in
        // float instead decides near-ties differently once the path score is large (one line in ~2000 of europarl).
        double score = vocab.isUserDefined(id) ? (double) (length * vocab.maxScore) - 0.1 : vocab.scores[id];
        double cand = score + here;
        if (startsAt[key] == -1 || cand > best[key]) {
          best[key] = (float) cand;
          startsAt[key] = start;
          ids[key] = id;
        }
        if (length == mblen) hasSingle = true;
      }
      if (!hasSingle) {
        int end = start + mblen;
        float cand = unkScore + here;
        if (startsAt[end] == -1 || cand > best[end]) {
          best[end] = cand;
          startsAt[end] = start;
          ids[end] = vocab.unkId;
        }
      }
      start += mblen;
    }
    // Backtrack from the end, then reverse into a Segmentation.
    IntList endsRev = new IntList(16);
    for (int end = size; end > 0; end = startsAt[end]) endsRev.add(end);
    Segmentation seg = new Segmentation(endsRev.size());
    for (int i = endsRev.size() - 1; i >= 0; i--) {
      int end = endsRev.get(i);
      seg.add(ids[end], end);
    }
    return seg;
  }

  /**
   * A segmentation sampled from P(path) ∝ exp(alpha * score(path)) (spm's SampleEncode with nbest_size = -1):
   * forward log-sums over the lattice, then backward sampling of one predecessor at a time.
   */
  Segmentation sample(byte[] s, float alpha, RandomGenerator rng) {
    Lattice lat = new Lattice(s);
    int len = lat.nodes;
    double[] fwd = new double[len];
    // Node 0 is BOS (ends at 0). Nodes are sorted by begin position, so forward order is index order
    // for all nodes ending before a begin position; compute alpha per begin position from nodes ending there.
    double[] alphaAtPos = new double[s.length + 1];
    int[] byEnd = lat.sortedByEnd();
    int k = 0;
    // Each node's forward value is the log-sum over paths reaching its begin position (spm's alpha).
    for (int pos = 0; pos <= s.length; pos++) {
      // Fold in all nodes ending at pos (their begins are < pos, already final).
      double acc = pos == 0 ? 0 : Double.NEGATIVE_INFINITY;
      boolean any = pos == 0;
      while (k < byEnd.length && lat.end[byEnd[k]] == pos) {
        int n = byEnd[k++];
        if (n == 0) continue;
        double v = alpha * lat.score[n] + alphaAtPos[lat.begin[n]];
        acc = any ? logSumExp(acc, v) : v;
        any = true;
      }
      alphaAtPos[pos] = acc;
    }
    for (int n = 1; n < len; n++) fwd[n] = alphaAtPos[lat.begin[n]];

    // Backward sampling from EOS: choose a node ending at pos with probability ∝ exp(fwd + alpha*score - Z).
    IntList chosen = new IntList(16);
    int pos = s.length;
    double z = alphaAtPos[pos];
    int[] endStart = lat.endIndex(byEnd);
    double[] probs = new double[64];
    while (pos > 0) {
      int from = endStart[pos], to = endStart[pos + 1];
      if (probs.length < to - from) probs = new double[to - from];
      double total = 0;
      for (int i = from; i < to; i++) {
        int n = byEnd[i];
        double p = Math.exp(fwd[n] + alpha * lat.score[n] - z);
        probs[i - from] = p;
        total += p;
      }
      double r = rng.nextDouble() * total;
      int pick = to - 1;
      for (int i = from; i < to; i++) {
        r -= probs[i - from];
        if (r < 0) {
          pick = i;
          break;
        }
      }
      int n = byEnd[pick];
      chosen.add(n);
      z = fwd[n];
      pos = lat.begin[n];
    }
    Segmentation seg = new Segmentation(chosen.size());
    for (int i = chosen.size() - 1; i >= 0; i--) {
      int n = chosen.get(i);
      seg.add(lat.id[n], lat.end[n]);
    }
    return seg;
  }

  private static double logSumExp(double x, double y) {
    double min = Math.min(x, y), max = Math.max(x, y);
    return max > min + 50 ? max : max + Math.log(Math.exp(min - max) + 1.0);
  }

  /**
   * All candidate pieces of a sentence, as spm's PopulateNodes makes them (user-defined symbols scored by their
   * length in characters, an unk node wherever no single-character piece exists). Node 0 is a BOS sentinel.
   */
  private final class Lattice {
    int nodes;
    int[] begin = new int[64];
    int[] end = new int[64];
    int[] id = new int[64];
    float[] score = new float[64];

    Lattice(byte[] s) {
      add(0, 0, -1, 0f);
      DoubleArray trie = vocab.trie;
      for (int start = 0; start < s.length; ) {
        int mblen = Math.min(Utf8.charLen(s[start]), s.length - start);
        boolean hasSingle = false;
        int node = DoubleArray.ROOT;
        for (int key = start; key < s.length; ) {
          node = trie.next(node, s[key] & 0xFF);
          if (node < 0) break;
          key++;
          int pid = trie.value(node);
          if (pid < 0 || vocab.isUnused(pid)) continue;
          // Only whole characters count; a trie hit inside a multi-byte character is not a piece boundary.
          if (key < s.length && (s[key] & 0xC0) == 0x80) continue;
          float sc = vocab.isUserDefined(pid)
              ? (float) (charCount(s, start, key) * vocab.maxScore - 0.1)
              : vocab.scores[pid];
          add(start, key, pid, sc);
          if (key - start == mblen) hasSingle = true;
        }
        if (!hasSingle) add(start, start + mblen, vocab.unkId, unkScore);
        start += mblen;
      }
    }

    private void add(int b, int e, int pid, float sc) {
      if (nodes == begin.length) {
        int n = nodes * 2;
        begin = Arrays.copyOf(begin, n);
        end = Arrays.copyOf(end, n);
        id = Arrays.copyOf(id, n);
        score = Arrays.copyOf(score, n);
      }
      begin[nodes] = b;
      end[nodes] = e;
      id[nodes] = pid;
      score[nodes] = sc;
      nodes++;
    }

    /** Node indices sorted by end position (counting sort). */
    int[] sortedByEnd() {
      int max = 0;
      for (int i = 0; i < nodes; i++) max = Math.max(max, end[i]);
      int[] count = new int[max + 2];
      for (int i = 0; i < nodes; i++) count[end[i] + 1]++;
      for (int i = 1; i < count.length; i++) count[i] += count[i - 1];
      int[] out = new int[nodes];
      for (int i = 0; i < nodes; i++) out[count[end[i]]++] = i;
      return out;
    }

    /** For nodes sorted by end: index of the first node ending at each position (size = maxEnd + 2). */
    int[] endIndex(int[] byEnd) {
      int max = end[byEnd[byEnd.length - 1]];
      int[] idx = new int[max + 2];
      int k = 0;
      for (int pos = 0; pos <= max + 1; pos++) {
        while (k < byEnd.length && end[byEnd[k]] < pos) k++;
        idx[pos] = k;
      }
      return idx;
    }
  }

  private static int charCount(byte[] s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) if ((s[i] & 0xC0) != 0x80) n++;
    return n;
  }
}
