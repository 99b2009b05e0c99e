package kotoba.tokenizer.train;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * Turns one corpus sentence into what the trainers count, on whichever machine holds the sentence: the reason it is
 * dropped (if it is), its segments between meta symbols, and finally its words with rare characters replaced by ▅.
 *
 * <p>Meta symbols (specials, control and user-defined symbols) are cut out of the text because the encoder always
 * emits them whole; spm does the same by replacing them with a boundary character.
 */
public final class SentencePreparer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Drop reasons, as they appear in {@link PreparationStats#drops()}. */
  public static final String NON_POSITIVE_COUNT = "non_positive_count";
  public static final String EMPTY = "empty";
  public static final String TOO_LONG = "too_long";
  public static final String RESERVED_CHAR = "reserved_char_u2585";
  public static final String UNESCAPED_SPACE = "unescaped_space";
  public static final String NULL_TEXT = "null_text";

  private final int maxSentenceBytes;
  /** Meta symbols by first code point, longest first, for longest-match cutting. */
  private final HashMap<Integer, String[]> metaByFirst = new HashMap<>();
  private final WordSplitter splitter;
  /** Sorted required code points; null before they are known. */
  private final int[] required;

  public SentencePreparer(TrainerSpec spec, Collection<String> metaSymbols) {
    this(spec.maxSentenceLength(), metaSymbols, new WordSplitter(spec), null);
  }

  private SentencePreparer(int maxSentenceBytes, Collection<String> metaSymbols, WordSplitter splitter, int[] required) {
    this.maxSentenceBytes = maxSentenceBytes;
    this.splitter = splitter;
    this.required = required;
    Map<Integer, List<String>> grouped = new HashMap<>();
    for (String m : metaSymbols) grouped.computeIfAbsent(m.codePointAt(0), k -> new ArrayList<>()).add(m);
    for (Map.Entry<Integer, List<String>> e : grouped.entrySet()) {
      String[] arr = e.getValue().toArray(new String[0]);
      Arrays.sort(arr, (a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
      metaByFirst.put(e.getKey(), arr);
    }
  }

  /** The same preparer, now replacing every code point outside {@code requiredChars} with ▅. */
  public SentencePreparer withRequiredChars(int[] requiredChars) {
    int[] sorted = requiredChars.clone();
    Arrays.sort(sorted);
    List<String> metas = new ArrayList<>();
    for (String[] arr : metaByFirst.values()) metas.addAll(Arrays.asList(arr));
    return new SentencePreparer(maxSentenceBytes, metas, splitter, sorted);
  }

  /** Why this sentence is not used for training, or null if it is. */
  public String dropReason(WeightedSentence s) {
    if (s.text() == null) return NULL_TEXT;
    if (s.count() <= 0) return NON_POSITIVE_COUNT;
    String t = s.text();
    if (t.isEmpty()) return EMPTY;
    if (t.length() > maxSentenceBytes / 3 && t.getBytes(StandardCharsets.UTF_8).length > maxSentenceBytes) {
      return TOO_LONG;
    }
    if (t.indexOf(PieceValidator.UNK_CHAR) >= 0) return RESERVED_CHAR;
    // The normalizer escapes spaces as ▁; a raw space means the text skipped normalization.
    if (t.indexOf(' ') >= 0) return UNESCAPED_SPACE;
    return null;
  }

  /** The text between meta symbols, in order, without empty parts. */
  public List<String> segments(String text) {
    List<String> out = new ArrayList<>(1);
    if (metaByFirst.isEmpty()) {
      out.add(text);
      return out;
    }
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String hit = null;
      String[] cands = metaByFirst.get(cp);
      if (cands != null) {
        for (String m : cands) {
          if (text.startsWith(m, i)) {
            hit = m;
            break;
          }
        }
      }
      if (hit != null) {
        if (i > start) out.add(text.substring(start, i));
        i += hit.length();
        start = i;
      } else {
        i += Character.charCount(cp);
      }
    }
    if (start < text.length()) out.add(text.substring(start));
    return out;
  }

  /** The words of a kept sentence, rare characters replaced by ▅; empty if the sentence is dropped. */
  public List<String> words(WeightedSentence s) {
    if (required == null) throw new IllegalStateException("required characters are not known yet");
    List<String> words = new ArrayList<>();
    if (dropReason(s) != null) return words;
    for (String seg : segments(s.text())) {
      words.addAll(splitter.split(replaceRare(seg)));
    }
    return words;
  }

  private String replaceRare(String seg) {
    StringBuilder sb = null;
    for (int i = 0; i < seg.length(); ) {
      int cp = seg.codePointAt(i);
      int n = Character.charCount(cp);
      boolean keep = Arrays.binarySearch(required, cp) >= 0;
      if (!keep && sb == null) sb = new StringBuilder(seg.length()).append(seg, 0, i);
      if (sb != null) {
        if (keep) sb.appendCodePoint(cp);
        else sb.append((char) PieceValidator.UNK_CHAR);
      }
      i += n;
    }
    return sb == null ? seg : sb.toString();
  }
}
