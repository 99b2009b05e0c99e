package kotoba.tokenizer.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProtoCodecTest {
  @TempDir Path dir;

  private static SentencePieceModel richModel() {
    TrainerSpec ts = TrainerSpec.defaults().toBuilder()
        .modelType(TrainerSpec.ModelType.BPE).vocabSize(300).characterCoverage(0.98f)
        .inputSentenceSize(5_000_000_000L).padId(-1).unkId(0).bosId(-1).eosId(1)
        .userDefinedSymbols(List.of("<sep>", "東京")).controlSymbols(List.of("<cls>"))
        .input(List.of("a.txt", "b.txt")).unkSurface("??").splitDigits(true).byteFallback(true)
        .pretokenizationDelimiter("|").build();
    NormalizerSpec ns = new NormalizerSpec("nfkc", new byte[] {9, 8, 7, 0, 1}, false, true, false, "a\tb");
    SentencePieceModel base = TestModels.tinyUnigram(true);
    return new SentencePieceModel(base.pieces(), ts, ns);
  }

  @Test
  void modelRoundTripsThroughWireFormat() throws Exception {
    SentencePieceModel m = richModel();
    SentencePieceModel back = SentencePieceModel.load(m.toBytes());
    assertEquals(m.pieces(), back.pieces());
    assertEquals(m.trainerSpec(), back.trainerSpec());
    assertEquals(m.normalizerSpec(), back.normalizerSpec());
    assertEquals(-1, back.trainerSpec().padId());
    assertEquals(5_000_000_000L, back.trainerSpec().inputSentenceSize());
    assertArrayEquals(m.toBytes(), back.toBytes());
  }

  @Test
  void unknownFieldsAreKeptAndWrittenBack() throws Exception {
    byte[] known = richModel().toBytes();
    // Append a top-level field 250 (an extension spm reserves) and a varint field 4 to the model.
    byte[] extra = {(byte) 0xD2, 0x0F, 3, 'x', 'y', 'z', 0x20, 0x05};
    byte[] data = Arrays.copyOf(known, known.length + extra.length);
    System.arraycopy(extra, 0, data, known.length, extra.length);
    SentencePieceModel m = SentencePieceModel.load(data);
    assertArrayEquals(extra, m.unknownFields().model());
    assertArrayEquals(data, m.toBytes());
  }

  @Test
  void pathLoadAndWriteAgree() throws Exception {
    SentencePieceModel m = richModel();
    Path p = dir.resolve("sub/m.model");
    m.write(p);
    assertEquals(m, SentencePieceModel.load(p));
    assertEquals(m, SentencePieceModel.load(new ByteArrayInputStream(Files.readAllBytes(p))));
  }

  private void assertRejected(byte[] content, String fileName, String... expectedWords) throws Exception {
    Path p = dir.resolve(fileName);
    Files.write(p, content);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SentencePieceModel.load(p));
    assertTrue(e.getMessage().contains(p.toString()), "message names the file: " + e.getMessage());
    for (String w : expectedWords) {
      assertTrue(e.getMessage().contains(w), "message mentions '" + w + "': " + e.getMessage());
    }
  }

  @Test
  void truncatedModelIsRejectedWithTheFileName() throws Exception {
    byte[] full = richModel().toBytes();
    assertRejected(Arrays.copyOf(full, full.length - 7), "cut.model", "truncated");
    assertRejected(Arrays.copyOf(full, 3), "tiny.model");
  }

  @Test
  void foreignFilesAreRejectedSayingWhatTheyLookLike() throws Exception {
    assertRejected(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, "img.model", "PNG");
    assertRejected("{\"version\":\"1.0\",\"model\":{}}".getBytes(StandardCharsets.UTF_8), "tokenizer.json", "JSON");
    assertRejected("▁the\t-3.2\n▁a\t-3.5\n".getBytes(StandardCharsets.UTF_8), "x.vocab", "text");
    assertRejected(new byte[0], "empty.model", "empty");
  }

  @Test
  void garbageAndSemanticallyBrokenModelsAreRejected() throws Exception {
    java.util.Random r = new java.util.Random(3);
    byte[] garbage = new byte[4096];
    for (int attempt = 0; attempt < 50; attempt++) {
      r.nextBytes(garbage);
      garbage[0] = 0x0A; // looks like field 1 at first glance
      byte[] g = garbage.clone();
      assertThrows(ModelFormatException.class, () -> SentencePieceModel.load(g));
    }
    SentencePieceModel noUnk = new SentencePieceModel(
        List.of(new Piece("a", -1, PieceType.NORMAL)), TrainerSpec.defaults(), NormalizerSpec.defaults());
    assertRejected(noUnk.toBytes(), "nounk.model", "unknown piece");
    SentencePieceModel dup = new SentencePieceModel(List.of(new Piece("<unk>", 0, PieceType.UNKNOWN),
        new Piece("a", -1, PieceType.NORMAL), new Piece("a", -2, PieceType.NORMAL)),
        TrainerSpec.defaults(), NormalizerSpec.defaults());
    assertRejected(dup.toBytes(), "dup.model", "twice");
  }

  @Test
  void missingFileIsReportedNotThrownAsNoSuchFile() {
    Path p = dir.resolve("nope.model");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> SentencePieceModel.load(p));
    assertTrue(e.getMessage().contains(p.toString()));
  }
}
