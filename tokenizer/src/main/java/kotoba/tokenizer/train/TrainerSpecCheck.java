package kotoba.tokenizer.train;

import kotoba.tokenizer.model.TrainerSpec;

/** Rejects trainer options spm would refuse (trainer_interface.cc VerifySpec), with the option name in the reason. */
public final class TrainerSpecCheck {
  private TrainerSpecCheck() {}

  public static void verify(TrainerSpec spec, TrainerSpec.ModelType expected) {
    if (spec.modelType() != expected) {
      throw new TrainingRejectedException("model_type=" + spec.modelType() + " but this trainer trains " + expected);
    }
    if (spec.vocabSize() <= 0) throw new TrainingRejectedException("vocab_size must be > 0, got " + spec.vocabSize());
    if (spec.useAllVocab()) throw new TrainingRejectedException("use_all_vocab=true is only valid for WORD/CHAR models");
    range("character_coverage", spec.characterCoverage(), 0.98, 1.0);
    range("max_sentencepiece_length", spec.maxSentencepieceLength(), 1, 512);
    range("num_sub_iterations", spec.numSubIterations(), 1, 10);
    range("shrinking_factor", spec.shrinkingFactor(), 0.5, 0.95);
    range("max_sentence_length", spec.maxSentenceLength(), 10, 1073741824);
    if (spec.inputSentenceSize() < 0 || (spec.inputSentenceSize() > 0 && spec.inputSentenceSize() <= 100)) {
      throw new TrainingRejectedException("input_sentence_size must be 0 (all) or > 100, got " + spec.inputSentenceSize());
    }
    if (spec.seedSentencepieceSize() <= 0) {
      throw new TrainingRejectedException("seed_sentencepiece_size must be > 0, got " + spec.seedSentencepieceSize());
    }
    for (String[] p :
        new String[][] {
          {"unk_piece", spec.unkPiece()}, {"bos_piece", spec.bosPiece()}, {"eos_piece", spec.eosPiece()},
          {"pad_piece", spec.padPiece()}
        }) {
      if (p[1].isEmpty()) throw new TrainingRejectedException(p[0] + " must not be empty");
    }
    if (!spec.pretokenizationDelimiter().isEmpty()) {
      throw new TrainingRejectedException("pretokenization_delimiter is not supported by this trainer");
    }
    if (!spec.seedSentencepiecesFile().isEmpty()) {
      throw new TrainingRejectedException("seed_sentencepieces_file is not supported by this trainer");
    }
    if (spec.enableDifferentialPrivacy()) {
      throw new TrainingRejectedException("enable_differential_privacy is not supported by this trainer");
    }
  }

  private static void range(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new TrainingRejectedException(name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }
}
