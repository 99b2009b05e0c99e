package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.List;

/**
 * The trainers' view of a corpus: (sentence, count) pairs scanned by aggregation, locally or on a cluster.
 *
 * <p>The trainers never iterate a corpus themselves; every pass is one of the calls below, so an implementation
 * over a Spark RDD is a few lines and the trainers stay free of Spark. Everything the trainers hand in (functions and
 * the zero value) is {@link Serializable}; everything they get back is bounded by the vocabulary or seed size, never
 * by the corpus.
 *
 * <p>Contract (an RDD implementation is sketched next to each method):
 *
 * <ul>
 *   <li>Sentences are visited in no particular order and may be split into any number of partitions; the trainers'
 *       functions only produce the same result for any split up to floating-point rounding.
 *   <li>Functions may capture read-only state (a vocabulary, a piece trie); they must not rely on side effects.
 * </ul>
 */
public interface SentenceCorpus {

  /**
   * Folds every sentence into an accumulator, like {@code RDD.aggregate} / {@code treeAggregate(zero, add, merge)}.
   *
   * <p>{@code zero} is copied per partition (by serialization on a cluster), so {@code add} and {@code merge} may
   * mutate and return their first argument. {@code merge} must be associative and commutative.
   */
  <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge);

  /**
   * Folds every partition into an accumulator: {@link #aggregate}, for passes that keep state between passes over
   * the same partition in its {@link CorpusPartition#memo()}. A partition's sentences come in the same order on every
   * pass for as long as its memo lives.
   *
   * <p>On an RDD cached as one {@code CorpusPartition} per partition: {@code treeAggregate(zero, add, merge)}; the
   * memo survives as long as the deserialized block stays in the executor's memory.
   */
  <A extends Serializable> A aggregatePartitions(
      A zero, SerialBiFunction<A, CorpusPartition, A> add, SerialBinaryOperator<A> merge);

  /**
   * Counts string keys over the corpus and returns the best {@code k} of them.
   *
   * <p>{@code emit} gives (key, count) pairs for one sentence (the same key may appear several times); counts are
   * summed per key over the corpus; keys whose total is below {@code minCount} are dropped; the rest are ordered by
   * {@code score(key, total)} descending, then key ascending ({@link String#compareTo}) so ties are deterministic,
   * and the first {@code k} are returned as {@code KeyCount(key, total)}.
   *
   * <p>On an RDD: {@code flatMap(emit) -> reduceByKey(+) -> filter(total >= minCount) -> takeOrdered(k, by score
   * desc then key)}.
   */
  List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount);

  /**
   * {@link #topKeys} for keys the caller has already hashed to 64 bits: the cheap path for the tens of millions of
   * seed substrings, with no strings or boxes on the way. {@code emit} adds (key, value, tag) triples for one sentence;
   * values are summed per key; keys whose total is below {@code minTotal} are dropped; the rest are ordered by {@code
   * score(key, total)} descending, then key ascending, and the first {@code k} are returned. Each returned key carries
   * the tag of one of its additions (which one is unspecified), so the caller can find where it saw the key.
   *
   * <p>On an RDD: pre-sum each partition in a primitive map, shuffle by key, sum again, keep each reducer's best k and
   * merge those.
   */
  LongTopK topLongKeys(SerialBiConsumer<WeightedSentence, LongTagSink> emit, LongScore score, int k, long minTotal);

  /**
   * The keys of every sentence as a corpus of their own: each distinct key once, weighted by the summed counts of
   * the sentences it came from. spm's word table, built where the sentences live so that passes over words (seed
   * substrings, E-steps) cost one visit per distinct word instead of one per occurrence. The result stays where it
   * was computed (cached on the executors) until {@link #release()}.
   *
   * <p>On an RDD: {@code flatMapToPair(key, count) -> reduceByKey(+) -> map(WeightedSentence) -> persist}.
   */
  SentenceCorpus regroup(SerialFunction<WeightedSentence, ? extends Iterable<String>> keys);

  /** Frees what this corpus holds (a cached RDD); it must not be used afterwards. */
  default void release() {}
}
