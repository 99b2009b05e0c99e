package kotoba.tokenizer.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus split into partitions that behaves like a Spark RDD: every function and every zero value goes through Java
 * serialization before a partition uses it, partitions are folded separately and merged, in reverse order. It proves
 * the trainers only rely on the {@link SentenceCorpus} contract and that what they ship is serializable. Partitions
 * keep their memos between passes, like cached blocks on an executor, unless the corpus is made to forget them.
 */
final class ChunkedSentenceCorpus implements SentenceCorpus {
  private final List<List<WeightedSentence>> partitions = new ArrayList<>();
  private final List<CorpusPartition> blocks = new ArrayList<>();
  private final boolean keepMemos;

  ChunkedSentenceCorpus(List<WeightedSentence> sentences, int numPartitions) {
    this(sentences, numPartitions, true);
  }

  /** With {@code keepMemos} false, every pass over partitions finds them without a memo, as if just recomputed. */
  ChunkedSentenceCorpus(List<WeightedSentence> sentences, int numPartitions, boolean keepMemos) {
    this.keepMemos = keepMemos;
    for (int p = 0; p < numPartitions; p++) partitions.add(new ArrayList<>());
    // Round-robin, so partitions differ in content and in the order sentences arrive.
    for (int i = 0; i < sentences.size(); i++) partitions.get(i % numPartitions).add(sentences.get(i));
    for (List<WeightedSentence> part : partitions) blocks.add(new CorpusPartition(part));
  }

  @Override
  public <A extends Serializable> A aggregatePartitions(
      A zero, SerialBiFunction<A, CorpusPartition, A> add, SerialBinaryOperator<A> merge) {
    List<A> partials = new ArrayList<>();
    for (CorpusPartition block : blocks) {
      if (!keepMemos) block.memo(null);
      partials.add(roundTrip(roundTrip(add).apply(roundTrip(zero), block)));
    }
    SerialBinaryOperator<A> m = roundTrip(merge);
    A result = partials.get(partials.size() - 1);
    for (int i = partials.size() - 2; i >= 0; i--) result = m.apply(result, partials.get(i));
    return result;
  }

  @Override
  public <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge) {
    List<A> partials = new ArrayList<>();
    for (List<WeightedSentence> part : partitions) {
      A acc = roundTrip(zero);
      SerialBiFunction<A, WeightedSentence, A> f = roundTrip(add);
      for (WeightedSentence s : part) acc = f.apply(acc, s);
      partials.add(roundTrip(acc));
    }
    SerialBinaryOperator<A> m = roundTrip(merge);
    A result = partials.get(partials.size() - 1);
    for (int i = partials.size() - 2; i >= 0; i--) result = m.apply(result, partials.get(i));
    return result;
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    List<Map<String, Long>> partials = new ArrayList<>();
    for (List<WeightedSentence> part : partitions) {
      SerialFunction<WeightedSentence, Iterable<KeyCount>> f = roundTrip(emit);
      Map<String, Long> local = new HashMap<>();
      for (WeightedSentence s : part) for (KeyCount kc : f.apply(s)) local.merge(kc.key(), kc.count(), Long::sum);
      partials.add(local);
    }
    // Keys are then split by hash over as many reducers as partitions, each keeping its best k, and merged: the shape
    // of the Spark implementation.
    List<Map<String, Long>> reducers = new ArrayList<>();
    for (int r = 0; r < partitions.size(); r++) reducers.add(new HashMap<>());
    for (Map<String, Long> p : partials) {
      p.forEach((key, v) -> reducers.get(Math.floorMod(key.hashCode(), reducers.size())).merge(key, v, Long::sum));
    }
    List<TopKeys.Scored> best = new ArrayList<>();
    for (Map<String, Long> r : reducers) best = TopKeys.merge(best, TopKeys.best(r, roundTrip(score), k, minCount), k);
    return TopKeys.keyCounts(best);
  }

  @Override
  public LongTopK topLongKeys(
      SerialBiConsumer<WeightedSentence, LongTagSink> emit, LongScore score, int k, long minTotal) {
    // Each partition sums its keys, the sums are split by key over as many reducers, each keeps its best k, merged.
    List<LongCounts> reducers = new ArrayList<>();
    for (int r = 0; r < partitions.size(); r++) reducers.add(new LongCounts(16, true));
    for (List<WeightedSentence> part : partitions) {
      SerialBiConsumer<WeightedSentence, LongTagSink> f = roundTrip(emit);
      LongCounts local = new LongCounts(16, true);
      for (WeightedSentence s : part) f.accept(s, local::add);
      local.forEachTagged(
          (key, v, tag) -> reducers.get((int) Math.floorMod(key, (long) reducers.size())).add(key, v, tag));
    }
    LongTopK best = LongTopK.empty();
    for (LongCounts r : reducers) best = LongTopK.merge(best, LongTopK.best(r, roundTrip(score), k, minTotal), k);
    return best;
  }

  @Override
  public SentenceCorpus regroup(SerialFunction<WeightedSentence, ? extends Iterable<String>> keys) {
    List<WeightedSentence> all = new ArrayList<>();
    for (List<WeightedSentence> part : partitions) all.addAll(part);
    SerialFunction<WeightedSentence, ? extends Iterable<String>> f = roundTrip(keys);
    return new ChunkedSentenceCorpus(InMemorySentenceCorpus.regrouped(all, f), partitions.size(), keepMemos);
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not serializable: " + value, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
