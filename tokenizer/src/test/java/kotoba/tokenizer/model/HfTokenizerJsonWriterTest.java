package kotoba.tokenizer.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HfTokenizerJsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void unigramExportHasEveryPieceWithItsScoreAndMetaspaceSections() throws Exception {
    SentencePieceModel m = TestModels.tinyUnigram(true);
    m = new SentencePieceModel(m.pieces(), m.trainerSpec(),
        m.normalizerSpec().withPrecompiledCharsmap(new byte[] {1, 2, 3, 4, 5}));
    JsonNode root = JSON.readTree(HfTokenizerJsonWriter.toJson(m));
    JsonNode model = root.get("model");
    assertEquals("Unigram", model.get("type").asText());
    assertEquals(0, model.get("unk_id").asInt());
    assertTrue(model.get("byte_fallback").asBoolean());
    assertEquals(m.size(), model.get("vocab").size());
    for (int i = 0; i < m.size(); i++) {
      assertEquals(m.pieces().get(i).piece(), model.get("vocab").get(i).get(0).asText());
      assertEquals(m.pieces().get(i).score(), (float) model.get("vocab").get(i).get(1).asDouble());
    }
    assertEquals("Metaspace", root.get("pre_tokenizer").get("type").asText());
    assertEquals("always", root.get("decoder").get("prepend_scheme").asText());
    JsonNode pre = root.get("normalizer").get("normalizers").get(0);
    assertEquals("Precompiled", pre.get("type").asText());
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Base64.getDecoder().decode(pre.get("precompiled_charsmap").asText()));
    List<String> special = new ArrayList<>();
    root.get("added_tokens").forEach(t -> special.add(t.get("content").asText()));
    assertEquals(List.of("<unk>", "<s>", "</s>", "<sep>"), special);
  }

  @Test
  void bpeExportRecoversMergesInVocabularyOrder() throws Exception {
    List<Piece> p = List.of(new Piece("<unk>", 0, PieceType.UNKNOWN), new Piece("▁t", 0, PieceType.NORMAL),
        new Piece("he", -1, PieceType.NORMAL), new Piece("▁the", -2, PieceType.NORMAL),
        new Piece("▁", -3, PieceType.NORMAL), new Piece("t", -4, PieceType.NORMAL),
        new Piece("h", -5, PieceType.NORMAL), new Piece("e", -6, PieceType.NORMAL),
        new Piece("\"q\\", -7, PieceType.NORMAL));
    SentencePieceModel m = new SentencePieceModel(p,
        TrainerSpec.defaults().withModelType(TrainerSpec.ModelType.BPE), NormalizerSpec.defaults());
    JsonNode root = JSON.readTree(HfTokenizerJsonWriter.toJson(m));
    JsonNode model = root.get("model");
    assertEquals("BPE", model.get("type").asText());
    assertEquals(3, model.get("vocab").get("▁the").asInt());
    assertEquals(8, model.get("vocab").get("\"q\\").asInt());
    List<String> merges = new ArrayList<>();
    model.get("merges").forEach(x -> merges.add(x.asText()));
    // ▁t = ▁+t, he = h+e, ▁the = ▁t+he (only splits whose halves are both pieces).
    assertEquals(List.of("▁ t", "h e", "▁t he"), merges);
    assertEquals("ByteFallback", root.get("decoder").get("decoders").get(1).get("type").asText());
  }
}
