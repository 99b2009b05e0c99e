package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * input_sentence_size: a deterministic sample of about that many sentence occurrences, chosen by a seeded hash of the
 * text (bottom-k sampling), so it is mergeable across partitions and identical on every run and cluster shape.
 *
 * <p>spm draws a reservoir sample with a fixed seed; that needs one sequential pass, so we sample by hash instead: it
 * is as uniform over distinct sentences, but not the same subset as spm's. shuffle_input_sentence=false ("the first
 * N lines") has no meaning for a partitioned corpus, so it samples the same way. Repeated sentences are kept or dropped
 * together.
 */
public final class SentenceSample {
  private static final long SEED = 12345678L;

  private SentenceSample() {}

  /** The k smallest hashes with their counts, trimmed to just cover k occurrences; O(k) memory. */
  static final class Bottom implements Serializable {
    private static final long serialVersionUID = 1L;
    final long k;
    final TreeMap<Long, Long> hashes = new TreeMap<>();
    long weight;
    long totalWeight;
    long totalSentences;

    Bottom(long k) {
      this.k = k;
    }

    Bottom add(long hash, long count) {
      hashes.merge(hash, count, Long::sum);
      weight += count;
      trim();
      return this;
    }

    Bottom merge(Bottom o) {
      totalWeight += o.totalWeight;
      totalSentences += o.totalSentences;
      for (Map.Entry<Long, Long> e : o.hashes.entrySet()) {
        hashes.merge(e.getKey(), e.getValue(), Long::sum);
        weight += e.getValue();
      }
      trim();
      return this;
    }

    private void trim() {
      while (!hashes.isEmpty() && weight - hashes.lastEntry().getValue() >= k) {
        weight -= hashes.pollLastEntry().getValue();
      }
    }
  }

  /** The sample and how many usable sentences it left out. */
  public record Result(SentenceCorpus corpus, long sentencesSampledOut) {}

  /**
   * The corpus restricted to about {@code size} usable sentence occurrences (or the corpus itself when it is not
   * larger). Sentences the preparer drops pass through, so they are still counted with their drop reason.
   */
  public static Result sample(SentenceCorpus corpus, long size, SentencePreparer prep) {
    Bottom bottom =
        corpus.aggregate(
            new Bottom(size),
            (acc, s) -> {
              if (prep.dropReason(s) != null) return acc;
              acc.totalWeight += s.count();
              acc.totalSentences++;
              return acc.add(hash(s.text()), s.count());
            },
            Bottom::merge);
    if (bottom.totalWeight <= size || bottom.hashes.isEmpty()) return new Result(corpus, 0);
    long threshold = bottom.hashes.lastKey();
    SentenceCorpus sampled =
        new FilteredCorpus(corpus, s -> prep.dropReason(s) != null || hash(s.text()) <= threshold);
    long kept = sampled.aggregate(new long[] {0}, (acc, s) -> {
      if (prep.dropReason(s) == null) acc[0]++;
      return acc;
    }, (a, b) -> {
      a[0] += b[0];
      return a;
    })[0];
    return new Result(sampled, bottom.totalSentences - kept);
  }

  /** A seeded 64-bit hash of the text (FNV-1a over UTF-16 units, then a splitmix64 finalizer). */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L ^ SEED;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    // Signed order is fine: it is a fixed total order, which is all bottom-k needs.
    return Hash64.mix(h);
  }
}
