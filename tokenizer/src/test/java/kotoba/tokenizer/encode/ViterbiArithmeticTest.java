package kotoba.tokenizer.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.SentencePieceModel;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unigram Viterbi decides near-ties with spm's arithmetic, checked against spm_encode itself. */
class ViterbiArithmeticTest {
  @TempDir Path tmp;

  @Test
  void nearTiesOnALongLineAreDecidedInDoubleLikeSpm() throws Exception {
    SpmTools.requireSpm();
    // After "▁" and 4095 "z" the path score is -4096, where a float step is 2^-11. At the end, "op" (from after
    // "l") arrives first with -4099 exactly; "o"+"p" gives -4098.9998, which is better in double but rounds to
    // -4099 in float, where it would lose the tie.
    List<Piece> p = new ArrayList<>();
    p.add(new Piece("<unk>", 0, PieceType.UNKNOWN));
    p.add(new Piece("<s>", 0, PieceType.CONTROL));
    p.add(new Piece("</s>", 0, PieceType.CONTROL));
    String[] normal = {"▁", "z", "l", "o", "p", "op"};
    float[] scores = {-1, -1, -1, -1, -0.9998f, -2};
    for (int i = 0; i < normal.length; i++) p.add(new Piece(normal[i], scores[i], PieceType.NORMAL));
    SentencePieceModel model =
        new SentencePieceModel(p, TrainerSpec.defaults().withVocabSize(p.size()), NormalizerSpec.defaults());
    Path modelFile = tmp.resolve("tie.model");
    model.write(modelFile);
    String line = "z".repeat(4095) + "lop";
    Path input = tmp.resolve("line.txt");
    Files.writeString(input, line + "\n", StandardCharsets.UTF_8);

    List<String> spm = SpmTools.run(tmp, input, "spm_encode", "--model=" + modelFile, "--output_format=piece");
    List<String> spmPieces = List.of(spm.get(0).split(" "));
    List<String> ours = Tokenizer.load(modelFile).encodeAsPieces(line);
    assertEquals(List.of("l", "o", "p"), tail(spmPieces), "spm_encode's last pieces");
    assertEquals(tail(spmPieces), tail(ours), "kotoba's last pieces");
    assertTrue(spmPieces.equals(ours), "kotoba's pieces differ from spm_encode's");
  }

  private static List<String> tail(List<String> pieces) {
    return pieces.subList(Math.max(0, pieces.size() - 3), pieces.size());
  }
}
