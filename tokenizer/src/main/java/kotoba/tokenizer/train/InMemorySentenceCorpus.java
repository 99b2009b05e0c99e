package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link SentenceCorpus} over a list held in this JVM: one partition, for tests and small local training. */
public final class InMemorySentenceCorpus implements SentenceCorpus {
  private final List<WeightedSentence> sentences;
  /** The whole corpus as one partition, kept so that its memo lives as long as this corpus. */
  private final CorpusPartition partition;

  public InMemorySentenceCorpus(List<WeightedSentence> sentences) {
    this.sentences = List.copyOf(sentences);
    this.partition = new CorpusPartition(this.sentences);
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
  public <A extends Serializable> A aggregatePartitions(
      A zero, SerialBiFunction<A, CorpusPartition, A> add, SerialBinaryOperator<A> merge) {
    return add.apply(zero, partition);
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    Map<String, Long> totals = new HashMap<>();
    for (WeightedSentence s : sentences) {
      for (KeyCount kc : emit.apply(s)) totals.merge(kc.key(), kc.count(), Long::sum);
    }
    return TopKeys.keyCounts(TopKeys.best(totals, score, k, minCount));
  }

  @Override
  public LongTopK topLongKeys(
      SerialBiConsumer<WeightedSentence, LongTagSink> emit, LongScore score, int k, long minTotal) {
    LongCounts totals = new LongCounts(1 << 16, true);
    for (WeightedSentence s : sentences) emit.accept(s, totals::add);
    return LongTopK.best(totals, score, k, minTotal);
  }

  @Override
  public SentenceCorpus regroup(SerialFunction<WeightedSentence, ? extends Iterable<String>> keys) {
    return new InMemorySentenceCorpus(regrouped(sentences, keys));
  }

  /** Distinct keys with summed counts, in first-seen order; shared with chunked test corpora. */
  static List<WeightedSentence> regrouped(
      List<WeightedSentence> sentences, SerialFunction<WeightedSentence, ? extends Iterable<String>> keys) {
    Map<String, Long> totals = new java.util.LinkedHashMap<>();
    for (WeightedSentence s : sentences) for (String k : keys.apply(s)) totals.merge(k, s.count(), Long::sum);
    List<WeightedSentence> out = new ArrayList<>(totals.size());
    totals.forEach((k, c) -> out.add(new WeightedSentence(k, c)));
    return out;
  }
}
