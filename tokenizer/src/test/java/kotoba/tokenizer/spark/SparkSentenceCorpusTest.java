package kotoba.tokenizer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kotoba.pipeline.spark.SharedSpark;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.train.BpeTrainer;
import kotoba.tokenizer.train.InMemorySentenceCorpus;
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
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    return new SparkSentenceCorpus(jsc.parallelize(s, 4));
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
