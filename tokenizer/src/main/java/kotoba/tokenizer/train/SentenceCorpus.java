package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.List;

/**
 * The trainers' view of a corpus: (sentence, count) pairs scanned by aggregation, locally or on a cluster.
 *
 * <p>The trainers never iterate a corpus themselves; every pass is one of the two calls below, so an implementation
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

  /** The order {@link #topKeys} returns keys in, for implementations to share. */
  static java.util.Comparator<KeyCount> bestFirst(SerialScore score) {
    return (SerialComparator)
        (a, b) -> {
          int c = Double.compare(score.score(b.key(), b.count()), score.score(a.key(), a.count()));
          return c != 0 ? c : a.key().compareTo(b.key());
        };
  }

  /** A comparator that can travel with a Spark {@code takeOrdered}. */
  interface SerialComparator extends java.util.Comparator<KeyCount>, Serializable {}
}
