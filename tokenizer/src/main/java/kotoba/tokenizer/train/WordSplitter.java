package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * Cuts a normalized sentence into the "words" the trainers count, as spm's SplitIntoWords does: a word starts at each
 * ▁ (or ends after it with treat_whitespace_as_suffix); with split_by_whitespace=false the whole text is one word.
 */
public final class WordSplitter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final char WS = (char) PieceValidator.WS;

  private final boolean splitByWhitespace;
  private final boolean whitespaceAsSuffix;
  private final boolean allowWhitespaceOnlyPieces;

  public WordSplitter(TrainerSpec spec) {
    this(spec.splitByWhitespace(), spec.treatWhitespaceAsSuffix(), spec.allowWhitespaceOnlyPieces());
  }

  public WordSplitter(boolean splitByWhitespace, boolean whitespaceAsSuffix, boolean allowWhitespaceOnlyPieces) {
    this.splitByWhitespace = splitByWhitespace;
    this.whitespaceAsSuffix = whitespaceAsSuffix;
    this.allowWhitespaceOnlyPieces = allowWhitespaceOnlyPieces;
  }

  public List<String> split(String text) {
    List<String> words = new ArrayList<>();
    if (text.isEmpty()) return words;
    if (!splitByWhitespace) {
      words.add(text);
      return words;
    }
    // ▁ is in the BMP, so scanning UTF-16 units never cuts a surrogate pair at a boundary we create.
    int start = 0;
    int n = text.length();
    if (whitespaceAsSuffix) {
      boolean inWs = false;
      for (int i = 0; i < n; i++) {
        boolean ws = text.charAt(i) == WS;
        if (ws) {
          inWs = true;
        } else if (inWs) {
          if (allowWhitespaceOnlyPieces) {
            words.add(text.substring(start, i));
            start = i;
          }
          inWs = false;
        }
        if (ws && !allowWhitespaceOnlyPieces && i + 1 < n) {
          words.add(text.substring(start, i + 1));
          start = i + 1;
        }
      }
      if (start < n) words.add(text.substring(start));
    } else {
      boolean inWs = false;
      for (int i = 0; i < n; i++) {
        boolean ws = text.charAt(i) == WS;
        if (i > 0 && ws && (!inWs || !allowWhitespaceOnlyPieces)) {
          words.add(text.substring(start, i));
          start = i;
        }
        if (ws) inWs = true;
        else inWs = false;
      }
      words.add(text.substring(start));
    }
    return words;
  }
}
