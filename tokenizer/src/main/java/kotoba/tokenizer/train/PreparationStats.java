package kotoba.tokenizer.train;

import java.util.Map;

/**
 * What the trainers made of the corpus: sentences (and their summed counts) used, and dropped ones per reason, so the
 * tokenizer manifest can account for every input sentence.
 */
public record PreparationStats(
    long sentencesSeen, long sentencesUsed, long weightUsed, long sentencesSampledOut, Map<String, Long> drops) {
  public PreparationStats {
    drops = Map.copyOf(drops);
  }
}
