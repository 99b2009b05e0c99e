package kotoba.tokenizer.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import kotoba.tokenizer.TokenizerConfig;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.SentencePieceModel;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.normalize.Normalizer;
import kotoba.tokenizer.train.BpeTrainer;
import kotoba.tokenizer.train.InMemorySentenceCorpus;
import kotoba.tokenizer.train.TrainingResult;
import kotoba.tokenizer.train.UnigramTrainer;
import kotoba.tokenizer.train.WeightedSentence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Models trained by kotoba's own trainers, loaded by spm_encode, give exactly kotoba's ids and pieces. */
class KotobaModelInSpmTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} byte_fallback={1}")
  @CsvSource({"unigram,true", "unigram,false", "bpe,true", "bpe,false"})
  void spmEncodeGivesKotobasIdsForAKotobaTrainedModel(String type, boolean byteFallback) throws Exception {
    SpmTools.requireSpm();
    TokenizerConfig cfg = new TokenizerConfig("in", "out", "m",
        type.equals("bpe") ? TrainerSpec.ModelType.BPE : TrainerSpec.ModelType.UNIGRAM, 500, 0.98, byteFallback, 0,
        20000, 0.75, 2, 4192, 16, true, true, true, false, false, List.of(), List.of(), false, 0, 1, 2, -1,
        "nmt_nfkc", true, true);
    TrainerSpec spec = cfg.trainerSpec();
    NormalizerSpec norm = cfg.normalizerSpec();
    Normalizer normalizer = new Normalizer(norm, false, List.of());
    List<WeightedSentence> sentences = new ArrayList<>();
    for (String line : SpmTools.trainingCorpus()) {
      String n = normalizer.normalize(line);
      if (!n.isEmpty()) sentences.add(WeightedSentence.of(n));
    }
    InMemorySentenceCorpus corpus = new InMemorySentenceCorpus(sentences);
    TrainingResult result = type.equals("bpe") ? new BpeTrainer(spec).train(corpus) : new UnigramTrainer(spec).train(corpus);
    SentencePieceModel model = new SentencePieceModel(result.pieces(), spec, norm);
    Path modelFile = tmp.resolve("kotoba.model");
    model.write(modelFile);
    Tokenizer kotoba = Tokenizer.load(modelFile);

    List<String> heldout = SpmTools.resourceLines("heldout.txt");
    Path input = tmp.resolve("heldout.txt");
    Files.write(input, heldout, StandardCharsets.UTF_8);
    List<String> spmIds = SpmTools.run(tmp, input, "spm_encode", "--model=" + modelFile, "--output_format=id");
    List<String> spmPieces = SpmTools.run(tmp, input, "spm_encode", "--model=" + modelFile, "--output_format=piece");
    assertEquals(heldout.size(), spmIds.size());
    boolean sawUnknownOrByte = false;
    for (int i = 0; i < heldout.size(); i++) {
      int[] ids = kotoba.encode(heldout.get(i));
      String ours = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      assertEquals(spmIds.get(i), ours, "ids of line " + i + ": " + heldout.get(i));
      assertEquals(spmPieces.get(i), String.join(" ", kotoba.encodeAsPieces(heldout.get(i))), "pieces of line " + i);
      for (int id : ids) sawUnknownOrByte |= id == kotoba.unkId() || kotoba.idToPiece(id).startsWith("<0x");
    }
    assertTrue(sawUnknownOrByte, "the held-out text should exercise unknown characters (unk or byte fallback)");
  }
}
