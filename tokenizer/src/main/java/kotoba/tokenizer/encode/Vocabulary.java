package kotoba.tokenizer.encode;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.BytePieces;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.SentencePieceModel;
import kotoba.tokenizer.normalize.DoubleArray;
import kotoba.tokenizer.normalize.DoubleArrayBuilder;

/**
 * The lookup side of a model as spm's ModelInterface sees it: a byte trie over the matchable pieces (NORMAL,
 * USER_DEFINED, UNUSED), a map of reserved pieces (CONTROL, UNKNOWN, BYTE), byte-piece ids and score bounds.
 */
final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  final String[] pieces;
  final byte[][] pieceBytes;
  final float[] scores;
  final PieceType[] types;
  final DoubleArray trie;
  final DoubleArray userDefinedMatcher; // null when there are no user-defined symbols
  final Map<String, Integer> reserved = new HashMap<>();
  final int unkId;
  final int[] byteIds = new int[256];
  final boolean byteFallback;
  final float minScore;
  final float maxScore;

  Vocabulary(SentencePieceModel model) {
    List<Piece> ps = model.pieces();
    int n = ps.size();
    pieces = new String[n];
    pieceBytes = new byte[n][];
    scores = new float[n];
    types = new PieceType[n];
    byteFallback = model.trainerSpec().byteFallback();
    java.util.Arrays.fill(byteIds, -1);
    List<byte[]> keys = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    List<byte[]> userDefined = new ArrayList<>();
    int unk = -1;
    // spm starts from FLT_MAX / FLT_MIN (the smallest positive float, not the most negative one): the
    // user-defined bonus and unk penalty below depend on that quirk.
    float min = Float.MAX_VALUE;
    float max = Float.MIN_NORMAL;
    for (int i = 0; i < n; i++) {
      Piece p = ps.get(i);
      pieces[i] = p.piece();
      pieceBytes[i] = p.piece().getBytes(StandardCharsets.UTF_8);
      scores[i] = p.score();
      types[i] = p.type();
      switch (p.type()) {
        case NORMAL, USER_DEFINED, UNUSED -> {
          keys.add(pieceBytes[i]);
          ids.add(i);
          if (p.type() == PieceType.USER_DEFINED) userDefined.add(pieceBytes[i]);
        }
        default -> reserved.put(p.piece(), i);
      }
      if (p.type() == PieceType.UNKNOWN) unk = i;
      if (p.type() == PieceType.BYTE) byteIds[BytePieces.byteOf(p.piece())] = i;
      if (p.type() == PieceType.NORMAL) {
        min = Math.min(min, p.score());
        max = Math.max(max, p.score());
      }
    }
    unkId = unk;
    minScore = min;
    maxScore = max;
    trie = DoubleArrayBuilder.build(keys.toArray(byte[][]::new), ids.stream().mapToInt(Integer::intValue).toArray());
    userDefinedMatcher = userDefined.isEmpty()
        ? null
        : DoubleArrayBuilder.build(userDefined.toArray(byte[][]::new), new int[userDefined.size()]);
  }

  int size() {
    return pieces.length;
  }

  /** spm's PieceToId: reserved pieces first, then the trie, else unk. */
  int pieceToId(String piece) {
    Integer r = reserved.get(piece);
    if (r != null) return r;
    byte[] b = piece.getBytes(StandardCharsets.UTF_8);
    int id = trie.exactMatch(b, 0, b.length);
    return id >= 0 ? id : unkId;
  }

  /** Id of the matchable piece spelled by {@code s[from, to)}, or -1. */
  int lookup(byte[] s, int from, int to) {
    return trie.exactMatch(s, from, to);
  }

  boolean isUnused(int id) {
    return types[id] == PieceType.UNUSED;
  }

  boolean isUserDefined(int id) {
    return types[id] == PieceType.USER_DEFINED;
  }
}
