package kotoba.tokenizer.model;

/** One vocabulary entry: its surface string (with ▁ for whitespace), log-probability or merge rank score, and type. */
public record Piece(String piece, float score, PieceType type) {}
