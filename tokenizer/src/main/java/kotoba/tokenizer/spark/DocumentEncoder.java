package kotoba.tokenizer.spark;

import java.util.Arrays;
import kotoba.tokenizer.encode.Tokenizer;

/**
 * Encodes a document the way the vocabulary was trained: line by line (each line a SentencePiece sentence, with its
 * own dummy prefix), ids concatenated. Newlines themselves are not tokens: SentencePiece's normalizers fold them into
 * whitespace, so decoding gives the lines back joined by spaces.
 */
final class DocumentEncoder {
  private DocumentEncoder() {}

  static int[] encode(Tokenizer tokenizer, String text) {
    int[] out = new int[Math.max(16, text.length() / 2)];
    int n = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      int[] ids = tokenizer.encode(line);
      if (n + ids.length > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, n + ids.length));
      System.arraycopy(ids, 0, out, n, ids.length);
      n += ids.length;
    }
    return Arrays.copyOf(out, n);
  }
}
