package kotoba.tokenizer.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * The pieces that are not learned, at the ids spm gives them (trainer_interface.cc InitMetaPieces): unk/bos/eos/pad
 * at their configured ids (-1 = absent), then control symbols, user-defined symbols and, with byte_fallback, the 256
 * {@code <0xXX>} byte pieces at the lowest free ids; learned pieces fill the remaining ids in order.
 */
public final class MetaPieces {
  private final int vocabSize;
  private final TreeMap<Integer, Piece> byId = new TreeMap<>();

  public MetaPieces(TrainerSpec spec) {
    this.vocabSize = spec.vocabSize();
    insertSpecial(spec.unkId(), spec.unkPiece(), "unk", spec);
    insertSpecial(spec.bosId(), spec.bosPiece(), "bos", spec);
    insertSpecial(spec.eosId(), spec.eosPiece(), "eos", spec);
    insertSpecial(spec.padId(), spec.padPiece(), "pad", spec);
    if (spec.unkId() < 0) throw new TrainingRejectedException("unk_id must be set: " + spec.unkPiece() + " must be defined");

    Set<String> seen = new HashSet<>();
    int[] next = {0};
    for (String w : spec.controlSymbols()) insertSymbol(w, PieceType.CONTROL, spec, seen, next);
    for (String w : spec.userDefinedSymbols()) insertSymbol(w, PieceType.USER_DEFINED, spec, seen, next);
    if (spec.byteFallback()) {
      for (int b = 0; b < 256; b++) insertSymbol(bytePiece(b), PieceType.BYTE, spec, seen, next);
    }
    if (byId.size() > vocabSize) {
      throw new TrainingRejectedException(
          "vocab_size=" + vocabSize + " is smaller than the " + byId.size() + " special, user-defined and byte pieces");
    }
  }

  /** spm's name for byte {@code b}: {@code <0x41>}. */
  public static String bytePiece(int b) {
    return String.format("<0x%02X>", b);
  }

  public int size() {
    return byId.size();
  }

  /** The meta pieces by id. */
  public Map<Integer, Piece> byId() {
    return Collections.unmodifiableMap(byId);
  }

  /** Every meta piece's surface string: training treats them as boundaries, since the encoder always cuts them out. */
  public List<String> surfaces() {
    List<String> out = new ArrayList<>();
    for (Piece p : byId.values()) out.add(p.piece());
    return out;
  }

  /** How many learned pieces the vocabulary has room for. */
  public int learnedSlots() {
    return vocabSize - byId.size();
  }

  /**
   * The whole vocabulary in id order: meta pieces at their ids, {@code learned} in the gaps. With a hard limit
   * (spm's hard_vocab_limit, the default) there must be exactly enough learned pieces; with a soft one fewer are
   * accepted as long as every meta id still falls inside the smaller vocabulary.
   */
  public List<Piece> assemble(List<Piece> learned, boolean hardLimit) {
    int total = byId.size() + learned.size();
    if (learned.size() > learnedSlots() || (hardLimit && learned.size() < learnedSlots())) {
      throw new TrainingRejectedException(
          "trained " + learned.size() + " pieces but vocab_size=" + vocabSize + " needs " + learnedSlots()
              + "; the corpus is too small or too uniform for this vocab_size (lower it, or set hard_vocab_limit=false)");
    }
    if (byId.lastKey() >= total) {
      throw new TrainingRejectedException(
          "only " + learned.size() + " pieces could be trained, so id " + byId.lastKey() + " of "
              + byId.lastEntry().getValue().piece() + " would fall outside the vocabulary; lower vocab_size");
    }
    Set<String> dup = new HashSet<>();
    List<Piece> out = new ArrayList<>(total);
    int next = 0;
    for (int id = 0; id < total; id++) {
      Piece p = byId.get(id);
      if (p == null) p = learned.get(next++);
      if (!dup.add(p.piece())) {
        throw new TrainingRejectedException("piece " + p.piece() + " is defined twice (learned and as a symbol)");
      }
      out.add(p);
    }
    return out;
  }

  private void insertSpecial(int id, String piece, String name, TrainerSpec spec) {
    if (id < 0) return;
    if (piece.isEmpty()) throw new TrainingRejectedException(name + "_piece must not be empty");
    if (id >= vocabSize) {
      throw new TrainingRejectedException(name + "_id=" + id + " is outside vocab_size=" + vocabSize);
    }
    if (byId.containsKey(id)) {
      throw new TrainingRejectedException(name + "_id=" + id + " is already used by " + byId.get(id).piece());
    }
    for (Piece p : byId.values()) {
      if (p.piece().equals(piece)) throw new TrainingRejectedException(name + "_piece " + piece + " is already used");
    }
    PieceType type = piece.equals(spec.unkPiece()) ? PieceType.UNKNOWN : PieceType.CONTROL;
    byId.put(id, new Piece(piece, 0f, type));
  }

  private void insertSymbol(String w, PieceType type, TrainerSpec spec, Set<String> seen, int[] next) {
    if (w.isEmpty()) throw new TrainingRejectedException("empty " + type.name().toLowerCase() + " symbol");
    if (!seen.add(w)) throw new TrainingRejectedException(w + " is already defined; duplicated symbols are not allowed");
    if (w.equals(spec.unkPiece())) {
      throw new TrainingRejectedException(w + " must not be defined with control_symbols or user_defined_symbols");
    }
    // Naming a special as a symbol retypes the special in place rather than adding a second copy, as spm does.
    if (w.equals(spec.bosPiece()) && spec.bosId() >= 0) {
      byId.put(spec.bosId(), new Piece(w, 0f, type));
    } else if (w.equals(spec.eosPiece()) && spec.eosId() >= 0) {
      byId.put(spec.eosId(), new Piece(w, 0f, type));
    } else if (w.equals(spec.padPiece()) && spec.padId() >= 0) {
      byId.put(spec.padId(), new Piece(w, 0f, type));
    } else {
      while (byId.containsKey(next[0])) next[0]++;
      byId.put(next[0], new Piece(w, 0f, type));
    }
  }
}
