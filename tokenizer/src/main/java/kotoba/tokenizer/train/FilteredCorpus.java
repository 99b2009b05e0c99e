package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus seen through a predicate, built from the underlying corpus's own aggregate/topKeys, so filtering needs
 * nothing from a distributed implementation and the data never moves.
 */
public final class FilteredCorpus implements SentenceCorpus {
  private final SentenceCorpus inner;
  private final SerialPredicate<WeightedSentence> keep;

  public FilteredCorpus(SentenceCorpus inner, SerialPredicate<WeightedSentence> keep) {
    this.inner = inner;
    this.keep = keep;
  }

  @Override
  public <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge) {
    SerialPredicate<WeightedSentence> k = keep;
    return inner.aggregate(zero, (acc, s) -> k.test(s) ? add.apply(acc, s) : acc, merge);
  }

  /** Each pass sees a filtered copy of every partition, so memos do not survive here. */
  @Override
  public <A extends Serializable> A aggregatePartitions(
      A zero, SerialBiFunction<A, CorpusPartition, A> add, SerialBinaryOperator<A> merge) {
    SerialPredicate<WeightedSentence> k = keep;
    return inner.aggregatePartitions(zero, (acc, p) -> {
      List<WeightedSentence> kept = new ArrayList<>();
      for (WeightedSentence s : p.sentences()) if (k.test(s)) kept.add(s);
      return add.apply(acc, new CorpusPartition(kept));
    }, merge);
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    SerialPredicate<WeightedSentence> p = keep;
    return inner.topKeys(s -> p.test(s) ? emit.apply(s) : List.of(), score, k, minCount);
  }

  @Override
  public LongTopK topLongKeys(
      SerialBiConsumer<WeightedSentence, LongTagSink> emit, LongScore score, int k, long minTotal) {
    SerialPredicate<WeightedSentence> p = keep;
    return inner.topLongKeys((s, sink) -> {
      if (p.test(s)) emit.accept(s, sink);
    }, score, k, minTotal);
  }

  @Override
  public SentenceCorpus regroup(SerialFunction<WeightedSentence, ? extends Iterable<String>> keys) {
    SerialPredicate<WeightedSentence> p = keep;
    return inner.regroup(s -> p.test(s) ? keys.apply(s) : List.of());
  }
}
