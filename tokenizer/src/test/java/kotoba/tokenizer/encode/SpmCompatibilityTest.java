package kotoba.tokenizer.encode;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.normalize.CharsmapBuilder;
import kotoba.tokenizer.model.SentencePieceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kotoba must produce exactly what spm_encode / spm_decode produce for models spm_train made. */
class SpmCompatibilityTest {
  @TempDir static Path dir;
  static Path corpus;
  static Path heldout;
  static List<String> heldoutLines;

  @BeforeAll
  static void writeFixtures() throws Exception {
    SpmTools.requireSpm();
    corpus = dir.resolve("train.txt");
    Files.write(corpus, SpmTools.trainingCorpus(), StandardCharsets.UTF_8);
    heldoutLines = SpmTools.resourceLines("heldout.txt");
    heldout = dir.resolve("heldout.txt");
    Files.write(heldout, heldoutLines, StandardCharsets.UTF_8);
  }

  private static Path train(String name, String type, boolean byteFallback, int vocab, String... extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("spm_train", "--input=" + corpus, "--model_prefix=" + name,
        "--model_type=" + type, "--vocab_size=" + vocab, "--byte_fallback=" + byteFallback,
        "--character_coverage=0.98", "--seed_sentencepiece_size=5000", "--num_threads=1"));
    cmd.addAll(List.of(extra));
    SpmTools.run(dir, null, cmd.toArray(String[]::new));
    return dir.resolve(name + ".model");
  }

  /** Asserts kotoba's ids equal spm_encode's and kotoba's decode equals spm_decode's on every held-out line. */
  private static void assertMatchesSpm(Path model) throws Exception {
    Tokenizer t = Tokenizer.load(model);
    List<String> spmIds = SpmTools.run(dir, heldout, "spm_encode", "--model=" + model, "--output_format=id");
    List<String> spmPieces = SpmTools.run(dir, heldout, "spm_encode", "--model=" + model, "--output_format=piece");
    Path idsFile = dir.resolve(model.getFileName() + ".ids");
    Files.write(idsFile, spmIds);
    List<String> spmDecoded = SpmTools.run(dir, idsFile, "spm_decode", "--model=" + model, "--input_format=id");
    assertEquals(heldoutLines.size(), spmIds.size());
    for (int i = 0; i < heldoutLines.size(); i++) {
      String line = heldoutLines.get(i);
      int[] ids = t.encode(line);
      String kotoba = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      assertEquals(spmIds.get(i), kotoba, "ids of line " + (i + 1) + ": " + line);
      assertEquals(spmPieces.get(i), String.join(" ", t.encodeAsPieces(line)), "pieces of line " + (i + 1));
      assertEquals(spmDecoded.get(i), t.decode(ids), "decode of line " + (i + 1));
    }
  }

  @Test
  void unigramIdsMatchSpmEncodeOnJapaneseAndEnglish() throws Exception {
    Path m = train("uni", "unigram", false, 400);
    assertMatchesSpm(m);
    Tokenizer t = Tokenizer.load(m);
    // The fixture's rare kanji and emoji must really exercise the unknown path.
    assertTrue(Arrays.stream(t.encode("鬱 龘 🍣")).anyMatch(id -> id == t.unkId()));
  }

  @Test
  void unigramWithByteFallbackMatchesSpmAndSpellsUnknownsAsBytes() throws Exception {
    Path m = train("unibf", "unigram", true, 600);
    assertMatchesSpm(m);
    Tokenizer t = Tokenizer.load(m);
    int[] ids = t.encode("🍣");
    assertTrue(Arrays.stream(ids).anyMatch(id -> t.model().pieces().get(id).type() == PieceType.BYTE));
    assertEquals("🍣", t.decode(ids));
  }

  @Test
  void bpeIdsMatchSpmEncode() throws Exception {
    assertMatchesSpm(train("bpe", "bpe", false, 400));
  }

  @Test
  void bpeWithByteFallbackMatchesSpm() throws Exception {
    assertMatchesSpm(train("bpebf", "bpe", true, 600));
  }

  @Test
  void userDefinedSymbolsAndUnnormalizedModelsMatchSpm() throws Exception {
    assertMatchesSpm(train("udf", "unigram", false, 400, "--user_defined_symbols=<sep>,東京,Tokyo",
        "--normalization_rule_name=identity", "--add_dummy_prefix=false"));
    assertMatchesSpm(train("udfb", "bpe", false, 400, "--user_defined_symbols=<sep>,東京",
        "--split_digits=true", "--remove_extra_whitespaces=false"));
  }

  @Test
  void decodeOfEncodeIsTheNormalizedText() throws Exception {
    Path m = train("rt", "unigram", true, 600);
    Tokenizer t = Tokenizer.load(m);
    List<String> spmNormalized =
        SpmTools.run(dir, heldout, "spm_normalize", "--model=" + m, "--use_internal_normalization");
    for (int i = 0; i < heldoutLines.size(); i++) {
      String line = heldoutLines.get(i);
      assertEquals(spmNormalized.get(i), t.normalize(line), "normalize line " + (i + 1));
      // With byte fallback nothing is lost, so decoding gives the normalized text with plain spaces.
      String expected = t.normalize(line).replace('\u2581', ' ').strip();
      assertEquals(expected, t.decode(t.encode(line)), "round trip of line " + (i + 1));
    }
  }

  @Test
  void kotobaNfkcCharsmapNormalizesIdenticallyInsideSpm() throws Exception {
    Path identity = train("ident", "unigram", true, 600, "--normalization_rule_name=identity");
    SentencePieceModel m = SentencePieceModel.load(identity);
    NormalizerSpec nfkc = CharsmapBuilder.spec(CharsmapBuilder.Rule.NMT_NFKC);
    Path withNfkc = dir.resolve("kotoba-nfkc.model");
    new SentencePieceModel(m.pieces(), m.trainerSpec(), nfkc).write(withNfkc);
    Tokenizer t = Tokenizer.load(withNfkc);

    // Every rule source, 16 to a line, plus the held-out text: spm_normalize must agree on all of them.
    List<String> lines = new ArrayList<>(heldoutLines);
    List<String> sources = new ArrayList<>(CharsmapBuilder.rules(CharsmapBuilder.Rule.NMT_NFKC).keySet());
    for (int i = 0; i < sources.size(); i += 16) {
      String line = "x" + String.join("y", sources.subList(i, Math.min(sources.size(), i + 16))) + "z";
      if (!line.contains("\n") && !line.contains("\r") && !line.contains("\u0085") && !line.contains("\u2028")
          && !line.contains("\u2029") && !line.contains("\u000B") && !line.contains("\u000C")) {
        lines.add(line);
      }
    }
    Path input = dir.resolve("nfkc-input.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    List<String> spmNorm = SpmTools.run(dir, input, "spm_normalize", "--model=" + withNfkc,
        "--use_internal_normalization");
    assertEquals(lines.size(), spmNorm.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(spmNorm.get(i), t.normalize(lines.get(i)), "normalize line " + (i + 1) + ": " + lines.get(i));
    }
    assertMatchesSpm(withNfkc);
  }

  @Test
  void kotobaRewritesSpmModelsByteForByteAndSpmReadsTheCopy() throws Exception {
    Path m = train("copy", "bpe", true, 600);
    byte[] original = Files.readAllBytes(m);
    SentencePieceModel model = SentencePieceModel.load(m);
    Path copy = dir.resolve("copy-kotoba.model");
    model.write(copy);
    assertArrayEquals(original, Files.readAllBytes(copy));
    assertMatchesSpm(copy);
  }
}
