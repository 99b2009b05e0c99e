package kotoba.tokenizer.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.List;
import kotoba.tokenizer.train.BucketedLongCounts;
import kotoba.tokenizer.train.CorpusPartition;
import kotoba.tokenizer.train.KeyCount;
import kotoba.tokenizer.train.LongScore;
import kotoba.tokenizer.train.LongTagSink;
import kotoba.tokenizer.train.LongTopK;
import kotoba.tokenizer.train.SerialBiConsumer;
import kotoba.tokenizer.train.SentenceCorpus;
import kotoba.tokenizer.train.SerialBiFunction;
import kotoba.tokenizer.train.SerialBinaryOperator;
import kotoba.tokenizer.train.SerialFunction;
import kotoba.tokenizer.train.SerialScore;
import kotoba.tokenizer.train.TopKeys;
import kotoba.tokenizer.train.WeightedSentence;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The trainers' corpus as a cached RDD of (sentence, count): every pass of the trainers (counting, seed substrings,
 * E-steps) runs on the executors, and only vocabulary-sized results come back to the driver.
 */
public final class SparkSentenceCorpus implements SentenceCorpus {
  /** Depth of treeAggregate: expected-count vectors are merged on executors before the driver sees them. */
  private static final int TREE_DEPTH = 2;

  private final JavaRDD<WeightedSentence> sentences;
  /** The same sentences cached as one object per partition, so memos live on the executors; null if not cached. */
  private final JavaRDD<CorpusPartition> blocks;
  private final int precombineLimit;

  public SparkSentenceCorpus(JavaRDD<WeightedSentence> sentences) {
    this(sentences, PRECOMBINE_LIMIT);
  }

  SparkSentenceCorpus(JavaRDD<WeightedSentence> sentences, int precombineLimit) {
    this(sentences, null, precombineLimit);
  }

  private SparkSentenceCorpus(
      JavaRDD<WeightedSentence> sentences, JavaRDD<CorpusPartition> blocks, int precombineLimit) {
    this.sentences = sentences;
    this.blocks = blocks;
    this.precombineLimit = precombineLimit;
  }

  @Override
  public <A extends Serializable> A aggregate(
      A zero, SerialBiFunction<A, WeightedSentence, A> add, SerialBinaryOperator<A> merge) {
    return broadcastAggregate(sentences, zero, add, merge);
  }

  @Override
  public <A extends Serializable> A aggregatePartitions(
      A zero, SerialBiFunction<A, CorpusPartition, A> add, SerialBinaryOperator<A> merge) {
    JavaRDD<CorpusPartition> parts = blocks != null ? blocks : sentences.mapPartitions(it -> {
      List<WeightedSentence> all = new ArrayList<>();
      it.forEachRemaining(all::add);
      return List.of(new CorpusPartition(all)).iterator();
    });
    return broadcastAggregate(parts, zero, add, merge);
  }

  /**
   * {@code treeAggregate} with {@code add} broadcast: the E-step's function carries the whole current model (trie and
   * scores, megabytes), so it goes once per executor instead of inside every task.
   */
  private static <T, A extends Serializable> A broadcastAggregate(
      JavaRDD<T> rdd, A zero, SerialBiFunction<A, T, A> add, SerialBinaryOperator<A> merge) {
    Broadcast<SerialBiFunction<A, T, A>> shared = JavaSparkContext.fromSparkContext(rdd.context()).broadcast(add);
    try {
      // Lambdas, not method references: two `::apply` references to interfaces sharing an erased signature are
      // indistinguishable to the lambda deserializer, which then casts one into the other on the executors.
      return rdd.treeAggregate(zero, (a, x) -> shared.value().apply(a, x), (a, b) -> merge.apply(a, b), TREE_DEPTH);
    } finally {
      shared.destroy();
    }
  }

  @Override
  public SentenceCorpus regroup(SerialFunction<WeightedSentence, ? extends Iterable<String>> keys) {
    // Cached deserialized, one CorpusPartition per partition: passes find the same objects, and their memos, again.
    JavaRDD<CorpusPartition> grouped = sentences
        .flatMapToPair(s -> {
          List<Tuple2<String, Long>> out = new ArrayList<>();
          for (String k : keys.apply(s)) out.add(new Tuple2<>(k, s.count()));
          return out.iterator();
        })
        .reduceByKey(Long::sum, Math.max(sentences.getNumPartitions(), sentences.context().defaultParallelism()))
        .mapPartitions(it -> {
          List<WeightedSentence> words = new ArrayList<>();
          it.forEachRemaining(t -> words.add(new WeightedSentence(t._1(), t._2())));
          return List.of(new CorpusPartition(words)).iterator();
        })
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new SparkSentenceCorpus(grouped.flatMap(b -> b.sentences().iterator()), grouped, precombineLimit);
  }

  @Override
  public void release() {
    if (blocks != null) blocks.unpersist(false);
    else sentences.unpersist(false);
  }

  @Override
  public List<KeyCount> topKeys(
      SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, SerialScore score, int k, long minCount) {
    if (k <= 0) return List.of();
    // Seed substrings are tens of millions of (key, count) records. Spark's reduceByKey combines them through its
    // size-tracking spillable map on both sides of the shuffle, which dominated seeding; plain hash maps do it several
    // times faster. The map side flushes its map every PRECOMBINE_LIMIT keys, so its memory stays bounded; the reduce
    // side holds one hash partition of the distinct keys, which more partitions make smaller.
    int limit = precombineLimit;
    int reducers = Math.max(sentences.getNumPartitions(), sentences.context().defaultParallelism());
    List<TopKeys.Scored> best = sentences
        .mapPartitionsToPair(it -> new Precombined(it, emit, limit))
        .partitionBy(new HashPartitioner(reducers))
        .mapPartitions(it -> {
          HashMap<String, long[]> totals = new HashMap<>();
          while (it.hasNext()) {
            Tuple2<String, Long> t = it.next();
            totals.computeIfAbsent(t._1(), key -> new long[1])[0] += t._2();
          }
          return List.of(TopKeys.best(totals, score, k, minCount, c -> c[0]))
              .iterator();
        })
        .reduce((a, b) -> TopKeys.merge(a, b, k));
    return TopKeys.keyCounts(best);
  }

  @Override
  public LongTopK topLongKeys(
      SerialBiConsumer<WeightedSentence, LongTagSink> emit, LongScore score, int k, long minTotal) {
    if (k <= 0) return LongTopK.empty();
    int limit = precombineLimit;
    int reducers = Math.max(sentences.getNumPartitions(), sentences.context().defaultParallelism());
    return sentences
        .mapPartitionsToPair(it -> {
          // Pre-sum in a primitive map, flushed every `limit` keys into one (key, total, tag) array per reducer.
          List<Tuple2<Integer, long[]>> out = new ArrayList<>();
          BucketedLongCounts local = new BucketedLongCounts(Math.min(limit, 1 << 20));
          while (it.hasNext()) {
            emit.accept(it.next(), local::add);
            if (local.size() >= limit || !it.hasNext()) {
              flushByReducer(local, reducers, out);
              local.clear();
            }
          }
          return out.iterator();
        })
        .partitionBy(new HashPartitioner(reducers))
        .mapPartitions(it -> {
          BucketedLongCounts totals = new BucketedLongCounts(1 << 20);
          while (it.hasNext()) {
            long[] triples = it.next()._2();
            for (int i = 0; i < triples.length; i += 3) totals.add(triples[i], triples[i + 1], triples[i + 2]);
          }
          return List.of(LongTopK.best(totals, score, k, minTotal)).iterator();
        })
        .reduce((a, b) -> LongTopK.merge(a, b, k));
  }

  /** Splits a partition's sums by reducer (the key's hash partition) as interleaved (key, total, tag) arrays. */
  private static void flushByReducer(BucketedLongCounts local, int reducers, List<Tuple2<Integer, long[]>> out) {
    int[] sizes = new int[reducers];
    local.forEachTagged((key, total, tag) -> sizes[reducerOf(key, reducers)]++);
    long[][] chunks = new long[reducers][];
    for (int r = 0; r < reducers; r++) chunks[r] = new long[3 * sizes[r]];
    int[] fill = new int[reducers];
    local.forEachTagged((key, total, tag) -> {
      int r = reducerOf(key, reducers);
      chunks[r][fill[r]++] = key;
      chunks[r][fill[r]++] = total;
      chunks[r][fill[r]++] = tag;
    });
    for (int r = 0; r < reducers; r++) if (sizes[r] > 0) out.add(new Tuple2<>(r, chunks[r]));
  }

  private static int reducerOf(long key, int reducers) {
    return (int) Math.floorMod(key ^ (key >>> 32), (long) reducers);
  }

  /** Keys the map side sums in one hash map before it hands them to the shuffle. */
  static final int PRECOMBINE_LIMIT = 2_000_000;

  /** One partition's emitted keys, summed in a hash map that is flushed whenever it reaches {@code limit} keys. */
  private static final class Precombined implements Iterator<Tuple2<String, Long>> {
    private final Iterator<WeightedSentence> in;
    private final SerialFunction<WeightedSentence, Iterable<KeyCount>> emit;
    private final int limit;
    private final HashMap<String, long[]> pending = new HashMap<>();
    private Iterator<Map.Entry<String, long[]>> out = java.util.Collections.emptyIterator();

    Precombined(Iterator<WeightedSentence> in, SerialFunction<WeightedSentence, Iterable<KeyCount>> emit, int limit) {
      this.in = in;
      this.emit = emit;
      this.limit = limit;
    }

    @Override
    public boolean hasNext() {
      if (out.hasNext()) return true;
      pending.clear();
      while (in.hasNext() && pending.size() < limit) {
        for (KeyCount kc : emit.apply(in.next())) pending.computeIfAbsent(kc.key(), key -> new long[1])[0] += kc.count();
      }
      out = pending.entrySet().iterator();
      return out.hasNext();
    }

    @Override
    public Tuple2<String, Long> next() {
      if (!hasNext()) throw new java.util.NoSuchElementException();
      Map.Entry<String, long[]> e = out.next();
      return new Tuple2<>(e.getKey(), e.getValue()[0]);
    }
  }
}
