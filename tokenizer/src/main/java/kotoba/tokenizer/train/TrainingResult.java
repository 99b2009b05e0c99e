package kotoba.tokenizer.train;

import java.util.List;
import kotoba.tokenizer.model.Piece;

/** A trained vocabulary in id order (specials, symbols and byte pieces included) and what the corpus contributed. */
public record TrainingResult(List<Piece> pieces, PreparationStats stats) {
  public TrainingResult {
    pieces = List.copyOf(pieces);
  }
}
