package kotoba.tokenizer.model;

/** The type of a vocabulary piece, numbered as in SentencePiece's ModelProto.SentencePiece.Type. */
public enum PieceType {
  NORMAL(1), UNKNOWN(2), CONTROL(3), USER_DEFINED(4), UNUSED(5), BYTE(6);

  public final int protoValue;

  PieceType(int protoValue) {
    this.protoValue = protoValue;
  }

  public static PieceType fromProto(int value) {
    for (PieceType t : values()) {
      if (t.protoValue == value) return t;
    }
    throw new IllegalArgumentException("unknown SentencePiece piece type " + value);
  }
}
