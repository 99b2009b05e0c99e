package kotoba.tokenizer.encode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.normalize.Utf8;

/**
 * Turns ids back into text as spm_decode does: '▁' becomes ' ', the leading space the normalizer added is dropped,
 * runs of byte pieces are reassembled into UTF-8 (each invalid byte becomes U+FFFD), control pieces vanish and
 * unk prints as the model's unk_surface.
 */
final class Decoder {
  private static final String SPACE_SYMBOL = "\u2581";
  private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

  private final Vocabulary vocab;
  private final boolean stripBosSpace;
  private final boolean removeExtraWhitespaces;
  private final byte[] unkSurface;

  Decoder(Vocabulary vocab, NormalizerSpec spec, String unkSurface) {
    this.vocab = vocab;
    this.stripBosSpace = spec.addDummyPrefix() || spec.removeExtraWhitespaces();
    this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
    this.unkSurface = unkSurface.getBytes(StandardCharsets.UTF_8);
  }

  /** @throws IllegalArgumentException for an id outside the vocabulary, as spm rejects it */
  String decode(int[] ids) {
    ByteArrayOutputStream text = new ByteArrayOutputStream(ids.length * 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean expectBosSpace = true;
    boolean bosSpaceSeen = false;
    for (int id : ids) {
      if (id < 0 || id >= vocab.size()) {
        throw new IllegalArgumentException("invalid id " + id + ": vocabulary has " + vocab.size() + " pieces");
      }
      PieceType type = vocab.types[id];
      if (type == PieceType.BYTE) {
        bytes.write(Integer.parseInt(vocab.pieces[id].substring(3, 5), 16));
        continue;
      }
      flushBytes(bytes, text);
      if (bosSpaceSeen || text.size() > 0) expectBosSpace = false;
      bosSpaceSeen = false;
      if (type == PieceType.CONTROL) continue;
      if (type == PieceType.UNKNOWN) {
        text.writeBytes(unkSurface);
        continue;
      }
      String piece = vocab.pieces[id];
      if (expectBosSpace && stripBosSpace && piece.startsWith(SPACE_SYMBOL)) {
        piece = piece.substring(1);
        // With whitespace removal on, spm keeps stripping until real text appears.
        bosSpaceSeen = !removeExtraWhitespaces;
      }
      text.writeBytes(piece.replace(SPACE_SYMBOL, " ").getBytes(StandardCharsets.UTF_8));
    }
    flushBytes(bytes, text);
    return text.toString(StandardCharsets.UTF_8);
  }

  private static void flushBytes(ByteArrayOutputStream bytes, ByteArrayOutputStream text) {
    if (bytes.size() == 0) return;
    byte[] b = bytes.toByteArray();
    for (int i = 0; i < b.length; ) {
      int len = Utf8.validCharLen(b, i, b.length);
      if (len == 0) {
        text.writeBytes(REPLACEMENT);
        i++;
      } else {
        text.write(b, i, len);
        i += len;
      }
    }
    bytes.reset();
  }
}
