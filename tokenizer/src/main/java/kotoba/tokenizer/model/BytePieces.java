package kotoba.tokenizer.model;

/** Names of byte-fallback pieces, {@code <0x00>} to {@code <0xFF>}, as spm spells them (upper-case hex). */
public final class BytePieces {
  private BytePieces() {}

  private static final String[] NAMES = new String[256];

  static {
    for (int b = 0; b < 256; b++) NAMES[b] = String.format("<0x%02X>", b);
  }

  public static String pieceOf(int b) {
    return NAMES[b & 0xFF];
  }

  /** The byte a piece stands for, or -1 when it is not exactly {@code <0xXX>} with upper-case hex digits. */
  public static int byteOf(String piece) {
    if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') return -1;
    int hi = hex(piece.charAt(3));
    int lo = hex(piece.charAt(4));
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
