package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * The alphabet a vocabulary must contain, chosen as spm does: the required_chars option first, then the most frequent
 * characters until character_coverage of all character occurrences is reached. The rest become ▅ (unk) in training.
 */
public final class RequiredChars {
  private RequiredChars() {}

  /** A character (code point) and its corpus count. */
  public record CharCount(int codePoint, long count) {
    public String string() {
      return new String(Character.toChars(codePoint));
    }
  }

  /** One pass over the corpus: character counts of kept sentences, plus what was dropped and why. */
  public static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    final HashMap<Integer, Long> chars = new HashMap<>();
    final TreeMap<String, Long> drops = new TreeMap<>();
    long seen;
    long used;
    long weightUsed;

    Counts add(SentencePreparer prep, WeightedSentence s) {
      seen++;
      String reason = prep.dropReason(s);
      if (reason != null) {
        drops.merge(reason, 1L, Long::sum);
        return this;
      }
      used++;
      weightUsed += s.count();
      for (String seg : prep.segments(s.text())) {
        for (int i = 0; i < seg.length(); ) {
          int cp = seg.codePointAt(i);
          i += Character.charCount(cp);
          // Tab marks a boundary in spm and never becomes a piece; lone surrogates are not characters.
          if (cp == '\t' || cp == 0 || !PieceValidator.isValidCodePoint(cp)) continue;
          chars.merge(cp, s.count(), Long::sum);
        }
      }
      return this;
    }

    Counts merge(Counts o) {
      o.chars.forEach((k, v) -> chars.merge(k, v, Long::sum));
      o.drops.forEach((k, v) -> drops.merge(k, v, Long::sum));
      seen += o.seen;
      used += o.used;
      weightUsed += o.weightUsed;
      return this;
    }

    public Map<Integer, Long> chars() {
      return chars;
    }
  }

  /** Counts characters over the corpus; the driver holds one entry per distinct character. */
  public static Counts count(SentenceCorpus corpus, SentencePreparer prep) {
    return corpus.aggregate(new Counts(), (acc, s) -> acc.add(prep, s), Counts::merge);
  }

  /**
   * The required characters in spm's order (count descending, then code point), which is also the order both
   * trainers append them in.
   */
  public static List<CharCount> select(TrainerSpec spec, Map<Integer, Long> counts) {
    Map<Integer, Boolean> forced = new HashMap<>();
    spec.requiredChars().codePoints().forEach(cp -> {
      if (cp != 0) forced.put(cp, true);
    });
    long all = 0;
    for (long v : counts.values()) all += v;
    List<Integer> cps = new ArrayList<>(counts.keySet());
    for (int cp : forced.keySet()) if (!counts.containsKey(cp)) cps.add(cp);
    cps.sort((a, b) -> {
      boolean fa = forced.containsKey(a), fb = forced.containsKey(b);
      if (fa != fb) return fa ? -1 : 1;
      int c = Long.compare(counts.getOrDefault(b, 0L), counts.getOrDefault(a, 0L));
      return c != 0 ? c : Integer.compare(a, b);
    });
    List<CharCount> out = new ArrayList<>();
    long accumulated = 0;
    for (int cp : cps) {
      double coverage = all == 0 ? 1.0 : (double) accumulated / all;
      if (coverage >= spec.characterCoverage()) break;
      long c = counts.getOrDefault(cp, 0L);
      accumulated += c;
      if (cp == ' ') throw new TrainingRejectedException("space must not be a required character; escape it as U+2581");
      if (cp == '\t') continue;
      if (cp == PieceValidator.UNK_CHAR) {
        throw new TrainingRejectedException("U+2585 is reserved for unknown characters and cannot be required");
      }
      out.add(new CharCount(cp, c));
    }
    out.sort((a, b) -> {
      int c = Long.compare(b.count(), a.count());
      return c != 0 ? c : Integer.compare(a.codePoint(), b.codePoint());
    });
    return out;
  }
}
