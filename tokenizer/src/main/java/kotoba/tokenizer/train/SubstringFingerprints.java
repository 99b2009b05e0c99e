package kotoba.tokenizer.train;

import java.io.Serializable;

/**
 * 64-bit fingerprints of a word's candidate pieces (substrings of 2..max_sentencepiece_length code points that are
 * valid pieces), so seed counting can sum tens of millions of substrings without building a string for each.
 *
 * <p>A fingerprint holds the substring's length in its top bits (the seed score is frequency × length) and a chained
 * hash of its code points ({@link Hash64}) in the rest: with 59 hash bits and ~20M distinct substrings the chance that
 * any two collide is about 4e-4, and a collision would only merge two candidates' counts.
 */
final class SubstringFingerprints implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x2545F4914F6CDD1DL;

  /** Receives one candidate: its fingerprint and where it is in the word's code points. */
  interface Visitor {
    void visit(long fingerprint, int[] cps, int start, int length);
  }

  private final PieceValidator validator;
  private final int maxLength;
  private final int lengthBits;
  /** Extending an invalid piece keeps it invalid, except in one no-split-by-whitespace case (▁ may reappear). */
  private final boolean stopAtInvalid;

  SubstringFingerprints(PieceValidator validator, int maxLength, boolean stopAtInvalid) {
    this.validator = validator;
    this.maxLength = maxLength;
    this.lengthBits = 32 - Integer.numberOfLeadingZeros(maxLength);
    this.stopAtInvalid = stopAtInvalid;
  }

  /** Visits every candidate piece of {@code word}, once per occurrence. */
  void forEach(String word, Visitor visitor) {
    int[] cps = CodePoints.of(word);
    for (int i = 0; i < cps.length; i++) {
      long h = SEED;
      for (int len = 1; len <= maxLength && i + len <= cps.length; len++) {
        h = Hash64.mix(h ^ cps[i + len - 1]);
        if (len < 2) continue;
        if (!validator.isValid(cps, i, i + len)) {
          if (stopAtInvalid) break;
          continue;
        }
        visitor.visit(fingerprint(h, len), cps, i, len);
      }
    }
  }

  /** The code-point length a fingerprint was made for. */
  int length(long fingerprint) {
    return (int) (fingerprint >>> (64 - lengthBits));
  }

  private long fingerprint(long hash, int length) {
    long f = (hash >>> lengthBits) | ((long) length << (64 - lengthBits));
    return f == LongCounts.EMPTY ? f ^ 1 : f;
  }
}
