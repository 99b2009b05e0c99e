package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;

/**
 * The best k keys of summed totals in {@link SentenceCorpus#topKeys} order (score descending, then key), for every
 * corpus implementation: a bounded heap over one partition's totals, and a merge of two partitions' results.
 *
 * <p>Each key is scored once; the seed-substring maps hold millions of keys, and a comparator that rescored on every
 * comparison dominated seeding.
 */
public final class TopKeys {
  private TopKeys() {}

  /** A key with its total and its score, ordered best first. */
  public record Scored(double score, String key, long count) implements Comparable<Scored>, Serializable {
    @Override
    public int compareTo(Scored o) {
      int c = Double.compare(o.score, score);
      return c != 0 ? c : key.compareTo(o.key);
    }

    KeyCount keyCount() {
      return new KeyCount(key, count);
    }
  }

  /** The best {@code k} of {@code totals} with a total of at least {@code minCount}, best first. */
  public static List<Scored> best(Map<String, ? extends Number> totals, SerialScore score, int k, long minCount) {
    return best(totals, score, k, minCount, Number::longValue);
  }

  /** {@link #best(Map, SerialScore, int, long)} over any value type that holds a total. */
  public static <V> List<Scored> best(
      Map<String, V> totals, SerialScore score, int k, long minCount, ToLongFunction<? super V> total) {
    if (k <= 0) return new ArrayList<>();
    PriorityQueue<Scored> worstOnTop = new PriorityQueue<>(k < 1 << 16 ? k + 1 : 1 << 16, (a, b) -> b.compareTo(a));
    for (Map.Entry<String, V> e : totals.entrySet()) {
      long t = total.applyAsLong(e.getValue());
      if (t < minCount) continue;
      Scored s = new Scored(score.score(e.getKey(), t), e.getKey(), t);
      if (worstOnTop.size() < k) {
        worstOnTop.add(s);
      } else if (s.compareTo(worstOnTop.peek()) < 0) {
        worstOnTop.poll();
        worstOnTop.add(s);
      }
    }
    List<Scored> out = new ArrayList<>(worstOnTop);
    out.sort(null);
    return out;
  }

  /** The best {@code k} of two best-first lists over disjoint keys, best first. */
  public static List<Scored> merge(List<Scored> a, List<Scored> b, int k) {
    List<Scored> out = new ArrayList<>(Math.min(k, a.size() + b.size()));
    int i = 0;
    int j = 0;
    while (out.size() < k && (i < a.size() || j < b.size())) {
      if (j >= b.size() || (i < a.size() && a.get(i).compareTo(b.get(j)) <= 0)) out.add(a.get(i++));
      else out.add(b.get(j++));
    }
    return out;
  }

  /** The keys with their totals, in the given order. */
  public static List<KeyCount> keyCounts(List<Scored> scored) {
    List<KeyCount> out = new ArrayList<>(scored.size());
    for (Scored s : scored) out.add(s.keyCount());
    return List.copyOf(out);
  }
}
