package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.List;

/**
 * One partition of a {@link SentenceCorpus} as a pass over whole partitions sees it: its sentences in a fixed order,
 * and a memo where a pass may leave state derived from them for later passes (the unigram E-step keeps its lattices
 * there).
 *
 * <p>The memo is a cache, never part of the data: it may be empty on any pass (the partition was recomputed, spilled
 * to disk or read on another executor), so a pass must give the same result with or without it. It is transient, so
 * it never travels or gets written out with the sentences.
 */
public final class CorpusPartition implements Serializable {
  private static final long serialVersionUID = 1L;
  private final List<WeightedSentence> sentences;
  private transient Object memo;

  public CorpusPartition(List<WeightedSentence> sentences) {
    this.sentences = sentences;
  }

  public List<WeightedSentence> sentences() {
    return sentences;
  }

  /** What an earlier pass left here, or null. */
  public Object memo() {
    return memo;
  }

  public void memo(Object value) {
    memo = value;
  }
}
