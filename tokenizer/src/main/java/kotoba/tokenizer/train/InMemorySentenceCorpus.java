package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** A {@link SentenceCorpus} over a list held in this JVM: one partition, for tests and small local training. */
public final class InMemorySentenceCorpus implements SentenceCorpus {
  private final List<WeightedSentence> sentences;

  public InMemorySentenceCorpus(List<WeightedSentence> sentences) {
    this.sentences = List.copyOf(sentences);
  }

  /** Each line once, in the given order. */
  public static InMemorySentenceCorpus ofLines(List<String> lines) {
    List<WeightedSentence> out = new ArrayList<>(lines.size());
    for (String l : lines) out.add(WeightedSentence.of(l));
    return new InMemorySentenceCorpus(out);
  }

  public List<WeightedSentence> sentences() {
    return sentences;
  }

  @Override
  public <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge) {
    A acc = zero;
    for (WeightedSentence s : sentences) acc = add.apply(acc, s);
    return acc;
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    Map<String, Long> totals = new HashMap<>();
    for (WeightedSentence s : sentences) {
      for (KeyCount kc : emit.apply(s)) totals.merge(kc.key(), kc.count(), Long::sum);
    }
    return best(totals, score, k, minCount);
  }

  /** The best {@code k} of summed totals in {@link SentenceCorpus#topKeys} order; shared with chunked test corpora. */
  static List<KeyCount> best(Map<String, Long> totals, SerialScore score, int k, long minCount) {
    if (k <= 0) return List.of();
    Comparator<KeyCount> order = SentenceCorpus.bestFirst(score);
    // A heap of the k best seen so far keeps the sort cost at n log k for the large seed-substring maps.
    PriorityQueue<KeyCount> worstOnTop = new PriorityQueue<>(order.reversed());
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      if (e.getValue() < minCount) continue;
      KeyCount kc = new KeyCount(e.getKey(), e.getValue());
      if (worstOnTop.size() < k) {
        worstOnTop.add(kc);
      } else if (order.compare(kc, worstOnTop.peek()) < 0) {
        worstOnTop.poll();
        worstOnTop.add(kc);
      }
    }
    List<KeyCount> out = new ArrayList<>(worstOnTop);
    out.sort(order);
    return out;
  }
}
