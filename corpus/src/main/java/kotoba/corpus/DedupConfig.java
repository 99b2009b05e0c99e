package kotoba.corpus;

import java.io.Serializable;

/**
 * Deduplication settings (`corpus.dedup`). Exact duplicates (same normalized text, hence same id) always go.
 *
 * @param near whether to drop near-duplicates too (MinHash LSH)
 * @param jaccardThreshold estimated Jaccard similarity of character shingles at or above which two documents are
 *     near-duplicates; the LSH bands and rows are derived from it
 * @param shingleSize characters per shingle: character shingles work for text without spaces between words
 * @param numPerm number of MinHash functions (signature length)
 * @param seed seed of the hash functions; changing it changes which borderline pairs are found
 */
public record DedupConfig(boolean near, double jaccardThreshold, int shingleSize, int numPerm, long seed)
    implements Serializable {
  public DedupConfig {
    if (!(jaccardThreshold > 0 && jaccardThreshold < 1)) {
      throw new IllegalArgumentException("jaccard_threshold must be in (0, 1), got " + jaccardThreshold);
    }
    if (shingleSize < 1) throw new IllegalArgumentException("shingle_size must be >= 1, got " + shingleSize);
    if (numPerm < 2) throw new IllegalArgumentException("num_perm must be >= 2, got " + numPerm);
  }
}
