package kotoba.tokenizer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import kotoba.pipeline.spark.SharedSpark;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.train.BpeTrainer;
import kotoba.tokenizer.train.InMemorySentenceCorpus;
import kotoba.tokenizer.train.KeyCount;
import kotoba.tokenizer.train.LongScore;
import kotoba.tokenizer.train.LongTagSink;
import kotoba.tokenizer.train.LongTopK;
import kotoba.tokenizer.train.SerialBiConsumer;
import kotoba.tokenizer.train.SentenceCorpus;
import kotoba.tokenizer.train.SerialFunction;
import kotoba.tokenizer.train.SerialScore;
import kotoba.tokenizer.train.UnigramTrainer;
import kotoba.tokenizer.train.WeightedSentence;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Training on the Spark corpus (4 partitions, Kryo) gives the vocabulary of training in one JVM. */
class SparkSentenceCorpusTest {
  private static final String[] WORDS = {"▁the", "▁council", "▁agreed", "▁rail", "▁safety", "▁report", "▁members",
      "▁voted", "▁2024", "▁鉄道の安全について", "▁委員会は報告書を", "▁公表しました", "▁proposal", "▁summer"};

  private static List<WeightedSentence> sentences() {
    Random rnd = new Random(11);
    List<WeightedSentence> out = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 3 + rnd.nextInt(8);
      for (int k = 0; k < n; k++) sb.append(WORDS[rnd.nextInt(WORDS.length)]);
      out.add(new WeightedSentence(sb.toString(), 1 + rnd.nextInt(3)));
    }
    return out;
  }

  private static SparkSentenceCorpus onSpark(List<WeightedSentence> s) {
    return onSpark(s, SparkSentenceCorpus.PRECOMBINE_LIMIT);
  }

  private static SparkSentenceCorpus onSpark(List<WeightedSentence> s, int precombineLimit) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    return new SparkSentenceCorpus(jsc.parallelize(s, 4), precombineLimit);
  }

  /** Every code-point bigram of a sentence, weighted by its count. */
  private static SerialFunction<WeightedSentence, Iterable<KeyCount>> bigrams() {
    return s -> {
      List<KeyCount> out = new ArrayList<>();
      int[] cps = s.text().codePoints().toArray();
      for (int i = 0; i + 2 <= cps.length; i++) out.add(new KeyCount(new String(cps, i, 2), s.count()));
      return out;
    };
  }

  @Test
  void topKeysGivesTheSameAnswerWhenTheMapSideFlushesEveryFewKeys() {
    SerialScore byTotalTimesLength = (key, total) -> (double) total * key.length();
    List<KeyCount> expected = new InMemorySentenceCorpus(sentences()).topKeys(bigrams(), byTotalTimesLength, 25, 2);
    assertEquals(25, expected.size());
    assertEquals(expected, onSpark(sentences(), 3).topKeys(bigrams(), byTotalTimesLength, 25, 2));
    assertEquals(expected, onSpark(sentences()).topKeys(bigrams(), byTotalTimesLength, 25, 2));
  }

  /** Each code-point bigram's hash, weighted by the sentence's count and tagged with the sentence's index. */
  private static SerialBiConsumer<WeightedSentence, LongTagSink> taggedBigrams(List<WeightedSentence> all) {
    return (s, sink) -> {
      int[] cps = s.text().codePoints().toArray();
      for (int i = 0; i + 2 <= cps.length; i++) sink.add(cps[i] * 1_000_003L + cps[i + 1], s.count(), all.indexOf(s));
    };
  }

  @Test
  void topLongKeysSumsLikeOneJvmAndTagsEachKeyWithASentenceItCameFrom() {
    List<WeightedSentence> all = sentences();
    LongScore byTotal = (key, total) -> total;
    LongTopK expected = new InMemorySentenceCorpus(all).topLongKeys(taggedBigrams(all), byTotal, 25, 2);
    for (LongTopK got : List.of(
        onSpark(all, 3).topLongKeys(taggedBigrams(all), byTotal, 25, 2),
        onSpark(all).topLongKeys(taggedBigrams(all), byTotal, 25, 2))) {
      assertArrayEquals(expected.keys(), got.keys());
      assertArrayEquals(expected.totals(), got.totals());
      for (int i = 0; i < got.size(); i++) {
        long key = got.keys()[i];
        int[] cps = all.get((int) got.tags()[i]).text().codePoints().toArray();
        boolean seen = false;
        for (int j = 0; j + 2 <= cps.length; j++) seen |= cps[j] * 1_000_003L + cps[j + 1] == key;
        assertTrue(seen, "key " + key + " tagged with a sentence that does not contain it");
      }
    }
  }

  @Test
  void aRegroupedCorpusKeepsEachPartitionsMemoBetweenPasses() {
    SentenceCorpus grouped = onSpark(sentences()).regroup(s -> List.of(s.text().split("(?=▁)")));
    try {
      // {partitions that found a memo, words, partitions}: the first pass leaves a memo on every cached partition.
      long[] first = grouped.aggregatePartitions(new long[3], (acc, p) -> {
        acc[0] += p.memo() == null ? 0 : 1;
        acc[1] += p.sentences().size();
        acc[2]++;
        p.memo(Boolean.TRUE);
        return acc;
      }, SparkSentenceCorpusTest::sum);
      long[] second = grouped.aggregatePartitions(new long[3], (acc, p) -> {
        acc[0] += p.memo() == Boolean.TRUE ? 1 : 0;
        acc[1] += p.sentences().size();
        acc[2]++;
        return acc;
      }, SparkSentenceCorpusTest::sum);
      assertEquals(0, first[0]);
      assertEquals(WORDS.length, first[1]);
      assertEquals(WORDS.length, second[1]);
      assertTrue(first[2] > 1, "partitions: " + first[2]);
      assertEquals(first[2], second[0], "partitions that found their memo again");
    } finally {
      grouped.release();
    }
  }

  private static long[] sum(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) a[i] += b[i];
    return a;
  }

  @Test
  void regroupSumsEachKeyOnceAcrossPartitions() {
    SerialFunction<WeightedSentence, Iterable<String>> words = s -> List.of(s.text().split("(?=▁)"));
    SentenceCorpus grouped = onSpark(sentences()).regroup(words);
    try {
      TreeMap<String, Long> spark = grouped.aggregate(new TreeMap<String, Long>(), (acc, w) -> {
        acc.merge(w.text(), w.count(), Long::sum);
        return acc;
      }, (a, b) -> {
        b.forEach((k, v) -> a.merge(k, v, Long::sum));
        return a;
      });
      long records = grouped.aggregate(new long[1], (acc, w) -> {
        acc[0]++;
        return acc;
      }, (a, b) -> {
        a[0] += b[0];
        return a;
      })[0];
      assertEquals(spark.size(), records, "each word once");
      TreeMap<String, Long> local = new TreeMap<>();
      for (WeightedSentence s : sentences()) for (String w : words.apply(s)) local.merge(w, s.count(), Long::sum);
      assertEquals(local, spark);
      assertEquals(WORDS.length, spark.size());
    } finally {
      grouped.release();
    }
  }

  @Test
  void unigramOnSparkEqualsUnigramInOneJvm() {
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().vocabSize(70).characterCoverage(1.0f).hardVocabLimit(false)
        .build();
    List<Piece> local = new UnigramTrainer(spec).train(new InMemorySentenceCorpus(sentences())).pieces();
    List<Piece> spark = new UnigramTrainer(spec).train(onSpark(sentences())).pieces();
    assertEquals(local.stream().map(Piece::piece).toList(), spark.stream().map(Piece::piece).toList());
    for (int i = 0; i < local.size(); i++) assertEquals(local.get(i).score(), spark.get(i).score(), 1e-4);
  }

  @Test
  void bpeOnSparkEqualsBpeInOneJvm() {
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().modelType(TrainerSpec.ModelType.BPE).vocabSize(120)
        .characterCoverage(1.0f).build();
    assertEquals(new BpeTrainer(spec).train(new InMemorySentenceCorpus(sentences())).pieces(),
        new BpeTrainer(spec).train(onSpark(sentences())).pieces());
  }
}
