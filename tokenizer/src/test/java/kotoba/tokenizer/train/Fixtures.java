package kotoba.tokenizer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kotoba.tokenizer.model.TrainerSpec;

/** Small multilingual corpora written for these tests, and spm-style normalization of raw text. */
final class Fixtures {
  private Fixtures() {}

  /** What the normalizer hands the trainers: whitespace runs become one ▁, with a ▁ dummy prefix. */
  static String normalize(String raw) {
    return "\u2581" + raw.strip().replaceAll("\\s+", "\u2581");
  }

  static final String[] ENGLISH = {
    "the", "small", "cat", "sat", "on", "a", "warm", "mat", "and", "dog", "runs", "quickly", "through", "green",
    "fields", "every", "morning", "while", "birds", "sing", "tokens", "model", "training", "river", "stone", "bright"
  };
  static final String[] JAPANESE = {
    "今日は", "いい天気", "ですね", "東京", "へ行きます", "ありがとう", "ございます", "猫が", "寝ています", "電車に",
    "乗りました", "コーヒー", "を飲む", "山田さん", "の本", "カタカナ", "ひらがな"
  };

  /** Deterministic sentences mixing English words, unspaced Japanese phrases and numbers. */
  static List<String> multilingual(int sentences, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      StringBuilder sb = new StringBuilder();
      int kind = r.nextInt(3);
      if (kind == 0) {
        int n = 3 + r.nextInt(8);
        for (int w = 0; w < n; w++) sb.append(ENGLISH[zipf(r, ENGLISH.length)]).append(' ');
      } else if (kind == 1) {
        int n = 2 + r.nextInt(5);
        for (int w = 0; w < n; w++) sb.append(JAPANESE[zipf(r, JAPANESE.length)]);
        sb.append("。 ");
      } else {
        sb.append(ENGLISH[zipf(r, ENGLISH.length)]).append(' ').append(r.nextInt(2030)).append(' ');
        sb.append(JAPANESE[zipf(r, JAPANESE.length)]).append(r.nextInt(100)).append("年 ");
      }
      out.add(normalize(sb.toString()));
    }
    return out;
  }

  /** Skewed index in [0, n): low indices are much more frequent, like words in text. */
  static int zipf(Random r, int n) {
    double u = r.nextDouble();
    return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1, u)) - 1);
  }

  static List<WeightedSentence> weighted(List<String> lines) {
    List<WeightedSentence> out = new ArrayList<>();
    for (String l : lines) out.add(WeightedSentence.of(l));
    return out;
  }

  static TrainerSpec unigram(int vocabSize) {
    return TrainerSpec.defaults().toBuilder().vocabSize(vocabSize).build();
  }

  static TrainerSpec bpe(int vocabSize) {
    return TrainerSpec.defaults().toBuilder().modelType(TrainerSpec.ModelType.BPE).vocabSize(vocabSize).build();
  }
}
