package kotoba.tokenizer.encode;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import kotoba.tokenizer.normalize.Utf8;

/**
 * spm's BPE segmentation: start from characters (user-defined symbols kept whole and frozen), repeatedly merge the
 * adjacent pair whose concatenation is a vocabulary piece with the highest score (leftmost on ties), then split
 * any UNUSED piece back into the parts it was merged from. With {@code dropout > 0}, each merge is skipped with
 * that probability (BPE-dropout, spm's {@code alpha} for BPE).
 */
final class BpeEncoder {
  private final Vocabulary vocab;

  BpeEncoder(Vocabulary vocab) {
    this.vocab = vocab;
  }

  Segmentation encode(byte[] s) {
    return encode(s, 0f, null);
  }

  Segmentation encode(byte[] s, float dropout, RandomGenerator rng) {
    int n = s.length;
    if (n == 0) return new Segmentation(0);
    // Symbols as a doubly linked list over parallel arrays; start/len are byte ranges of s (len 0 = merged away).
    int[] start = new int[n];
    int[] len = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    boolean[] freeze = new boolean[n];
    int count = 0;
    for (int pos = 0; pos < n; ) {
      int l;
      boolean frozen = false;
      long m = vocab.userDefinedMatcher == null ? -1 : vocab.userDefinedMatcher.longestPrefix(s, pos, n);
      if (m >= 0) {
        l = (int) (m >>> 32);
        frozen = true;
      } else {
        l = Math.min(Utf8.charLen(s[pos]), n - pos);
      }
      start[count] = pos;
      len[count] = l;
      freeze[count] = frozen;
      prev[count] = count - 1;
      pos += l;
      next[count] = pos < n ? count + 1 : -1;
      count++;
    }

    PairHeap heap = new PairHeap(count);
    Map<String, Integer> revMerge = new HashMap<>(); // merged UNUSED piece -> byte length of its left part
    for (int i = 1; i < count; i++) maybeAdd(s, i - 1, i, start, len, freeze, heap, revMerge);

    while (!heap.isEmpty()) {
      int left = heap.topLeft(), right = heap.topRight(), size = heap.topSize();
      heap.pop();
      if (len[left] == 0 || len[right] == 0 || len[left] + len[right] != size) continue; // stale
      if (dropout > 0 && (dropout >= 1 || rng.nextDouble() < dropout)) continue;
      len[left] += len[right];
      next[left] = next[right];
      if (next[right] >= 0) prev[next[right]] = left;
      len[right] = 0;
      maybeAdd(s, prev[left], left, start, len, freeze, heap, revMerge);
      maybeAdd(s, left, next[left], start, len, freeze, heap, revMerge);
    }

    Segmentation seg = new Segmentation(count);
    for (int i = 0; i != -1; i = next[i]) resegment(s, start[i], start[i] + len[i], revMerge, seg);
    return seg;
  }

  private void maybeAdd(byte[] s, int left, int right, int[] start, int[] len, boolean[] freeze, PairHeap heap,
      Map<String, Integer> revMerge) {
    if (left == -1 || right == -1 || freeze[left] || freeze[right]) return;
    int from = start[left];
    int to = from + len[left] + len[right];
    int id = vocab.lookup(s, from, to);
    if (id < 0) return;
    heap.push(vocab.scores[id], left, right, to - from);
    if (vocab.isUnused(id)) revMerge.put(Utf8.decode(s, from, to), len[left]);
  }

  private void resegment(byte[] s, int from, int to, Map<String, Integer> revMerge, Segmentation out) {
    int id = vocab.lookup(s, from, to);
    if (id < 0) {
      out.add(vocab.unkId, to);
      return;
    }
    if (!vocab.isUnused(id)) {
      out.add(id, to);
      return;
    }
    Integer leftLen = revMerge.get(Utf8.decode(s, from, to));
    if (leftLen == null) {
      out.add(id, to);
      return;
    }
    resegment(s, from, from + leftLen, revMerge, out);
    resegment(s, from + leftLen, to, revMerge, out);
  }

  /** Max-heap of candidate merges: higher score first, then smaller left index (spm's comparator). */
  private static final class PairHeap {
    private float[] score;
    private int[] left;
    private int[] right;
    private int[] size;
    private int n;

    PairHeap(int capacity) {
      int c = Math.max(8, capacity * 2);
      score = new float[c];
      left = new int[c];
      right = new int[c];
      size = new int[c];
    }

    boolean isEmpty() {
      return n == 0;
    }

    int topLeft() {
      return left[0];
    }

    int topRight() {
      return right[0];
    }

    int topSize() {
      return size[0];
    }

    private boolean before(int a, int b) {
      return score[a] > score[b] || (score[a] == score[b] && left[a] < left[b]);
    }

    void push(float sc, int l, int r, int sz) {
      if (n == score.length) {
        int c = n * 2;
        score = java.util.Arrays.copyOf(score, c);
        left = java.util.Arrays.copyOf(left, c);
        right = java.util.Arrays.copyOf(right, c);
        size = java.util.Arrays.copyOf(size, c);
      }
      int i = n++;
      set(i, sc, l, r, sz);
      while (i > 0) {
        int p = (i - 1) / 2;
        if (!before(i, p)) break;
        swap(i, p);
        i = p;
      }
    }

    void pop() {
      n--;
      if (n == 0) return;
      set(0, score[n], left[n], right[n], size[n]);
      int i = 0;
      while (true) {
        int l = 2 * i + 1, r = l + 1, best = i;
        if (l < n && before(l, best)) best = l;
        if (r < n && before(r, best)) best = r;
        if (best == i) break;
        swap(i, best);
        i = best;
      }
    }

    private void set(int i, float sc, int l, int r, int sz) {
      score[i] = sc;
      left[i] = l;
      right[i] = r;
      size[i] = sz;
    }

    private void swap(int a, int b) {
      float s = score[a];
      score[a] = score[b];
      score[b] = s;
      int t = left[a];
      left[a] = left[b];
      left[b] = t;
      t = right[a];
      right[a] = right[b];
      right[b] = t;
      t = size[a];
      size[a] = size[b];
      size[b] = t;
    }
  }
}
