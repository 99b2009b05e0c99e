package kotoba.tokenizer.model;

import java.util.ArrayList;
import java.util.List;

/** Small hand-built models for tests that must not depend on spm being installed. */
public final class TestModels {
  private TestModels() {}

  /** A unigram model over a tiny alphabet; scores chosen by hand so the best segmentation is easy to reason about. */
  public static SentencePieceModel tinyUnigram(boolean byteFallback) {
    List<Piece> p = new ArrayList<>();
    p.add(new Piece("<unk>", 0, PieceType.UNKNOWN));
    p.add(new Piece("<s>", 0, PieceType.CONTROL));
    p.add(new Piece("</s>", 0, PieceType.CONTROL));
    p.add(new Piece("<sep>", 0, PieceType.USER_DEFINED));
    String[] normal = {"▁", "a", "b", "c", "▁a", "ab", "abc", "bc", "▁ab", "犬", "▁犬"};
    float[] scores = {-2, -3, -3, -3, -2.5f, -2, -4.5f, -3.5f, -2.2f, -4, -3};
    for (int i = 0; i < normal.length; i++) p.add(new Piece(normal[i], scores[i], PieceType.NORMAL));
    p.add(new Piece("abcabc", -1, PieceType.UNUSED));
    if (byteFallback) {
      for (int b = 0; b < 256; b++) p.add(new Piece(BytePieces.pieceOf(b), 0, PieceType.BYTE));
    }
    TrainerSpec ts = TrainerSpec.defaults().withByteFallback(byteFallback).withVocabSize(p.size());
    return new SentencePieceModel(p, ts, NormalizerSpec.defaults());
  }
}
