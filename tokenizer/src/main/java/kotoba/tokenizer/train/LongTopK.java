package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The best k 64-bit keys by score (descending, then key ascending) with their totals and tags: {@link
 * SentenceCorpus#topLongKeys}'s result, computed per partition from a {@link LongCounts} and merged pairwise.
 */
public record LongTopK(long[] keys, long[] totals, double[] scores, long[] tags) implements Serializable {
  public int size() {
    return keys.length;
  }

  public static LongTopK empty() {
    return new LongTopK(new long[0], new long[0], new double[0], new long[0]);
  }

  /** The best {@code k} keys of {@code counts} whose total is at least {@code minTotal}. */
  public static LongTopK best(LongCounts counts, LongScore score, int k, long minTotal) {
    return best(counts.size(), counts::forEachTagged, score, k, minTotal);
  }

  /** The best {@code k} keys of {@code counts} whose total is at least {@code minTotal}. */
  public static LongTopK best(BucketedLongCounts counts, LongScore score, int k, long minTotal) {
    counts.flush();
    return best(counts.size(), counts::forEachTagged, score, k, minTotal);
  }

  private static LongTopK best(
      int distinct, java.util.function.Consumer<LongTagSink> entries, LongScore score, int k, long minTotal) {
    long[] ks = new long[Math.max(16, distinct)];
    long[] ts = new long[ks.length];
    double[] ss = new double[ks.length];
    long[] gs = new long[ks.length];
    int[] fill = {0};
    entries.accept((key, total, tag) -> {
      if (total < minTotal) return;
      int i = fill[0]++;
      ks[i] = key;
      ts[i] = total;
      ss[i] = score.score(key, total);
      gs[i] = tag;
    });
    int n = fill[0];
    if (n > k && k > 0) {
      // Everything strictly above the k-th best score survives, plus the lowest keys among those tied with it.
      double[] sorted = Arrays.copyOf(ss, n);
      Arrays.sort(sorted);
      double cut = sorted[n - k];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (ss[i] >= cut) {
          ks[m] = ks[i];
          ts[m] = ts[i];
          ss[m] = ss[i];
          gs[m] = gs[i];
          m++;
        }
      }
      n = m;
    }
    return ordered(ks, ts, ss, gs, n, Math.max(k, 0));
  }

  /** The best {@code k} of two results over disjoint keys. */
  public static LongTopK merge(LongTopK a, LongTopK b, int k) {
    int n = Math.min(k, a.size() + b.size());
    long[] ks = new long[n];
    long[] ts = new long[n];
    double[] ss = new double[n];
    long[] gs = new long[n];
    int i = 0;
    int j = 0;
    for (int o = 0; o < n; o++) {
      boolean takeA = j >= b.size() || (i < a.size() && compare(a.scores[i], a.keys[i], b.scores[j], b.keys[j]) <= 0);
      LongTopK src = takeA ? a : b;
      int at = takeA ? i++ : j++;
      ks[o] = src.keys[at];
      ts[o] = src.totals[at];
      ss[o] = src.scores[at];
      gs[o] = src.tags[at];
    }
    return new LongTopK(ks, ts, ss, gs);
  }

  private static int compare(double scoreA, long keyA, double scoreB, long keyB) {
    int c = Double.compare(scoreB, scoreA);
    return c != 0 ? c : Long.compare(keyA, keyB);
  }

  private static LongTopK ordered(long[] ks, long[] ts, double[] ss, long[] gs, int n, int k) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (x, y) -> compare(ss[x], ks[x], ss[y], ks[y]));
    int m = Math.min(n, k);
    long[] ok = new long[m];
    long[] ot = new long[m];
    double[] os = new double[m];
    long[] og = new long[m];
    for (int i = 0; i < m; i++) {
      ok[i] = ks[idx[i]];
      ot[i] = ts[idx[i]];
      os[i] = ss[idx[i]];
      og[i] = gs[idx[i]];
    }
    return new LongTopK(ok, ot, os, og);
  }
}
