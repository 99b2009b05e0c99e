package kotoba.tokenizer.train;

import java.io.Serializable;

/**
 * One normalized sentence (spaces already escaped as ▁, dummy prefix added) and how many times it occurs.
 *
 * <p>Not validated here: the trainers count malformed sentences (non-positive count, stray spaces, …) as drops with a
 * reason instead of failing, see {@link SentencePreparer}.
 */
public record WeightedSentence(String text, long count) implements Serializable {
  public static WeightedSentence of(String text) {
    return new WeightedSentence(text, 1);
  }
}
