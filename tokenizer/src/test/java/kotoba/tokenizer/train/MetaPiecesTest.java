package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class MetaPiecesTest {
  private static List<Piece> learned(int n) {
    List<Piece> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new Piece("p" + i, -i, PieceType.NORMAL));
    return out;
  }

  @Test
  void defaultSpecialsTakeIdsZeroToTwoAndLearnedPiecesFollow() {
    MetaPieces m = new MetaPieces(TrainerSpec.defaults().toBuilder().vocabSize(6).build());
    List<Piece> v = m.assemble(learned(3), true);
    assertEquals(List.of("<unk>", "<s>", "</s>", "p0", "p1", "p2"), v.stream().map(Piece::piece).toList());
    assertEquals(PieceType.UNKNOWN, v.get(0).type());
    assertEquals(PieceType.CONTROL, v.get(1).type());
  }

  @Test
  void customIdsLeaveGapsForLearnedPiecesAndMinusOneMeansAbsent() {
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().vocabSize(6).unkId(3).bosId(-1).eosId(0).padId(5).build();
    List<Piece> v = new MetaPieces(spec).assemble(learned(3), true);
    assertEquals(List.of("</s>", "p0", "p1", "<unk>", "p2", "<pad>"), v.stream().map(Piece::piece).toList());
  }

  @Test
  void symbolsAndBytePiecesFillTheLowestFreeIds() {
    TrainerSpec spec =
        TrainerSpec.defaults().toBuilder().vocabSize(300).controlSymbols(List.of("<sep>"))
            .userDefinedSymbols(List.of("<mask>")).byteFallback(true).build();
    MetaPieces m = new MetaPieces(spec);
    assertEquals(3 + 2 + 256, m.size());
    List<Piece> v = m.assemble(learned(300 - m.size()), true);
    assertEquals(new Piece("<sep>", 0f, PieceType.CONTROL), v.get(3));
    assertEquals(new Piece("<mask>", 0f, PieceType.USER_DEFINED), v.get(4));
    assertEquals(new Piece("<0x00>", 0f, PieceType.BYTE), v.get(5));
    assertEquals(new Piece("<0xFF>", 0f, PieceType.BYTE), v.get(260));
    assertEquals("p0", v.get(261).piece());
  }

  @Test
  void namingASpecialAsASymbolRetypesItInPlace() {
    TrainerSpec spec = TrainerSpec.defaults().toBuilder().vocabSize(5).userDefinedSymbols(List.of("<s>")).build();
    MetaPieces m = new MetaPieces(spec);
    assertEquals(3, m.size());
    assertEquals(PieceType.USER_DEFINED, m.byId().get(1).type());
  }

  @Test
  void badLayoutsAreRejectedWithAReason() {
    TrainerSpec.Builder b = TrainerSpec.defaults().toBuilder().vocabSize(10);
    assertTrue(assertThrows(TrainingRejectedException.class, () -> new MetaPieces(b.unkId(-1).build()))
        .getMessage().contains("unk"));
    assertThrows(TrainingRejectedException.class, () -> new MetaPieces(b.unkId(0).bosId(0).build()));
    assertThrows(TrainingRejectedException.class, () -> new MetaPieces(b.bosId(1).eosId(10).build()));
    assertThrows(
        TrainingRejectedException.class,
        () -> new MetaPieces(b.eosId(2).userDefinedSymbols(List.of("x", "x")).build()));
    MetaPieces m = new MetaPieces(b.userDefinedSymbols(List.of()).build());
    assertThrows(TrainingRejectedException.class, () -> m.assemble(learned(6), true));
    assertEquals(9, m.assemble(learned(6), false).size());
  }
}
