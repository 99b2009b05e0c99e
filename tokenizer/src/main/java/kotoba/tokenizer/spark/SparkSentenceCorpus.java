package kotoba.tokenizer.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kotoba.tokenizer.train.KeyCount;
import kotoba.tokenizer.train.SentenceCorpus;
import kotoba.tokenizer.train.SerialBiFunction;
import kotoba.tokenizer.train.SerialBinaryOperator;
import kotoba.tokenizer.train.SerialFunction;
import kotoba.tokenizer.train.SerialScore;
import kotoba.tokenizer.train.WeightedSentence;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import scala.Tuple3;

/**
 * The trainers' corpus as a cached RDD of (sentence, count): every pass of the trainers (counting, seed substrings,
 * E-steps) runs on the executors, and only vocabulary-sized results come back to the driver.
 */
public final class SparkSentenceCorpus implements SentenceCorpus {
  /** Depth of treeAggregate: expected-count vectors are merged on executors before the driver sees them. */
  private static final int TREE_DEPTH = 2;

  private final JavaRDD<WeightedSentence> sentences;

  public SparkSentenceCorpus(JavaRDD<WeightedSentence> sentences) {
    this.sentences = sentences;
  }

  @Override
  public <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge) {
    // The E-step's function carries the whole current model (trie and scores, megabytes): broadcast it once per
    // executor instead of shipping it inside every task.
    Broadcast<SerialBiFunction<A, WeightedSentence, A>> shared =
        JavaSparkContext.fromSparkContext(sentences.context()).broadcast(add);
    try {
      // Lambdas, not method references: two `::apply` references to interfaces sharing an erased signature are
      // indistinguishable to the lambda deserializer, which then casts one into the other on the executors.
      return sentences.treeAggregate(zero, (a, s) -> shared.value().apply(a, s), (a, b) -> merge.apply(a, b),
          TREE_DEPTH);
    } finally {
      shared.destroy();
    }
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    if (k <= 0) return List.of();
    // Score each key once, before ordering: takeOrdered compares millions of times.
    List<Tuple3<Double, String, Long>> best = sentences
        .flatMapToPair(s -> {
          List<Tuple2<String, Long>> out = new ArrayList<>();
          for (KeyCount kc : emit.apply(s)) out.add(new Tuple2<>(kc.key(), kc.count()));
          return out.iterator();
        })
        .reduceByKey(Long::sum)
        .filter(t -> t._2() >= minCount)
        .map(t -> new Tuple3<>(score.score(t._1(), t._2()), t._1(), t._2()))
        .takeOrdered(k, new BestFirst());
    List<KeyCount> out = new ArrayList<>(best.size());
    for (Tuple3<Double, String, Long> t : best) out.add(new KeyCount(t._2(), t._3()));
    return List.copyOf(out);
  }

  /** {@link SentenceCorpus#bestFirst}'s order (score descending, then key) over precomputed scores. */
  private static final class BestFirst implements Comparator<Tuple3<Double, String, Long>>, Serializable {
    @Override
    public int compare(Tuple3<Double, String, Long> a, Tuple3<Double, String, Long> b) {
      int c = Double.compare(b._1(), a._1());
      return c != 0 ? c : a._2().compareTo(b._2());
    }
  }
}
