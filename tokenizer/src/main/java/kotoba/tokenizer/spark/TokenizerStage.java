package kotoba.tokenizer.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.schema.Schemas;
import kotoba.pipeline.stage.Fingerprints;
import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.StageKey;
import kotoba.pipeline.stage.StageRunner;
import kotoba.pipeline.storage.Storage;
import kotoba.tokenizer.TokenizerConfig;
import kotoba.tokenizer.model.HfTokenizerJsonWriter;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.SentencePieceModel;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.model.VocabWriter;
import kotoba.tokenizer.normalize.Normalizer;
import kotoba.tokenizer.train.BpeTrainer;
import kotoba.tokenizer.train.TrainingRejectedException;
import kotoba.tokenizer.train.TrainingResult;
import kotoba.tokenizer.train.UnigramTrainer;
import kotoba.tokenizer.train.WeightedSentence;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tokenizer stage: trains a SentencePiece-compatible vocabulary on the train split of the docs, with counting,
 * seed extraction and E-steps on the executors, and writes {prefix}.model (loadable by spm_encode), {prefix}.vocab
 * and a manifest holding the vocabulary size and special ids that the next stages need.
 */
public final class TokenizerStage {
  public static final String NAME = "tokenizer";
  public static final int VERSION = 1;

  private TokenizerStage() {}

  public static StageKey key(TokenizerConfig cfg, Storage storage) {
    return StageKey.of(NAME, VERSION, cfg, List.of(Fingerprints.ofStageOutput(storage, cfg.input(), "corpus")));
  }

  public static Manifest run(SparkSession spark, TokenizerConfig cfg, StageKey key, Storage storage, boolean force) {
    return StageRunner.run(storage, cfg.output(), key, force, () -> train(spark, cfg, storage));
  }

  /** Where the model file of a tokenizer output directory is. */
  public static String modelPath(TokenizerConfig cfg) {
    return Storage.child(cfg.output(), cfg.modelPrefix() + ".model");
  }

  private static StageRunner.Result train(SparkSession spark, TokenizerConfig cfg, Storage storage) {
    TrainerSpec spec = cfg.trainerSpec();
    NormalizerSpec normSpec = cfg.normalizerSpec();
    Normalizer normalizer = new Normalizer(normSpec, spec.treatWhitespaceAsSuffix(), spec.userDefinedSymbols());

    // The docs schema is known, so Spark need not read Parquet footers to infer it (a job of its own).
    Dataset<Row> texts = spark.read().schema(Schemas.DOCS).parquet(Storage.child(cfg.input(), "docs"))
        .filter("split = 'train'").select("text");
    JavaRDD<WeightedSentence> sentences = TrainingSentences.of(texts, normalizer);
    SparkSentenceCorpus corpus = new SparkSentenceCorpus(sentences);

    TrainingResult result;
    try {
      result = switch (spec.modelType()) {
        case UNIGRAM -> new UnigramTrainer(spec).train(corpus);
        case BPE -> new BpeTrainer(spec).train(corpus);
        default -> throw new IllegalStateException("unsupported model type " + spec.modelType());
      };
    } catch (TrainingRejectedException e) {
      // options that cannot work with this corpus (vocab_size below the alphabet, ...): the user's to fix
      throw new ConfigError("tokenizer: " + e.getMessage(), e);
    }
    sentences.unpersist();

    SentencePieceModel model = new SentencePieceModel(result.pieces(), spec, normSpec);
    storage.writeAtomically(modelPath(cfg), model.toBytes());
    storage.writeAtomically(Storage.child(cfg.output(), cfg.modelPrefix() + ".vocab"), vocabText(model));
    storage.writeAtomically(Storage.child(cfg.output(), "tokenizer.json"),
        HfTokenizerJsonWriter.toJson(model).getBytes(StandardCharsets.UTF_8));

    Map<String, Long> counts = new TreeMap<>();
    counts.put("vocab_size", (long) model.size());
    counts.put("sentences", result.stats().sentencesSeen());
    counts.put("sentences_used", result.stats().sentencesUsed());
    Map<String, Object> info = new TreeMap<>();
    info.put("model", storage.qualify(modelPath(cfg)));
    info.put("model_type", spec.modelType().name().toLowerCase());
    info.put("vocab_size", model.size());
    info.put("unk_id", spec.unkId());
    info.put("bos_id", spec.bosId());
    info.put("eos_id", spec.eosId());
    info.put("pad_id", spec.padId());
    info.put("normalization", normSpec.name());
    return new StageRunner.Result(counts, result.stats().drops(), info);
  }

  private static byte[] vocabText(SentencePieceModel model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      VocabWriter.write(model, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
