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
  /** Tags keep starts below 2^24 code points; a word hash of 40 bits still tells ~10^6 words apart. */
  static final int START_BITS = 24;

  /** Receives one candidate: its fingerprint and where it is in the word's code points. */
  interface Visitor {
    void visit(long fingerprint, int[] cps, int start, int length);
  }

  private final PieceValidator validator;
  private final int maxLength;
  private final int lengthBits;
  /** Extending an invalid piece keeps it invalid, except in one no-split-by-whitespace case (▁ may reappear). */
  private final boolean stopAtInvalid;
  /** The low bits of a tag that hold the start; all ones means "too far in to say". */
  private final long startMask;

  SubstringFingerprints(PieceValidator validator, int maxLength, boolean stopAtInvalid) {
    this(validator, maxLength, stopAtInvalid, START_BITS);
  }

  SubstringFingerprints(PieceValidator validator, int maxLength, boolean stopAtInvalid, int startBits) {
    this.validator = validator;
    this.maxLength = maxLength;
    this.lengthBits = 32 - Integer.numberOfLeadingZeros(maxLength);
    this.stopAtInvalid = stopAtInvalid;
    this.startMask = (1L << startBits) - 1;
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

  /**
   * The word part of a tag: a hash of the whole word with the start bits clear. Tags let the few chosen candidates
   * be spelled out later from where they were seen, without enumerating every word's substrings again.
   */
  long wordTag(String word) {
    long h = SEED ^ word.length();
    for (int i = 0; i < word.length(); i++) h = Hash64.mix(h ^ word.charAt(i));
    h &= ~startMask;
    return h == LongCounts.EMPTY ? h ^ (startMask + 1) : h;
  }

  /** The tag of a candidate starting at code point {@code start} of the word whose {@link #wordTag} is given. */
  long tag(long wordTag, int start) {
    return wordTag | Math.min(start, startMask);
  }

  /** The word part of a tag. */
  long tagWord(long tag) {
    return tag & ~startMask;
  }

  /** The start code point a tag holds, or -1 when it was too far into its word to fit. */
  int tagStart(long tag) {
    long start = tag & startMask;
    return start == startMask ? -1 : (int) start;
  }

  /** The fingerprint {@link #forEach} gives the candidate {@code cps[start, start + length)}. */
  long fingerprint(int[] cps, int start, int length) {
    long h = SEED;
    for (int i = start; i < start + length; i++) h = Hash64.mix(h ^ cps[i]);
    return fingerprint(h, length);
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
