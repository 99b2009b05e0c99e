package kotoba.tokenizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.model.NormalizerSpec;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.model.TrainerSpec.ModelType;
import kotoba.tokenizer.normalize.CharsmapBuilder;

/**
 * The `tokenizer` config section: SentencePiece training options under SentencePiece's own names (snake_case, as
 * spm_train's flags) plus where to read and write. Defaults live in conf/local.conf and follow spm_train's.
 *
 * @param input the corpus stage's output directory (its docs/ train split is the training text)
 * @param output directory receiving {model_prefix}.model, .vocab, tokenizer.json and _manifest.json
 * @param modelPrefix file name stem of the model files
 * @param modelType unigram | bpe
 * @param vocabSize final vocabulary size, special and byte pieces included
 * @param characterCoverage share of characters (by frequency) that get their own piece; the rest become unk, or
 *     bytes with byte_fallback
 * @param byteFallback decompose unknown characters into UTF-8 byte pieces <0x00>..<0xFF> instead of unk
 * @param inputSentenceSize sample this many sentences for training (0 = the whole corpus, the distributed default)
 * @param seedSentencepieceSize unigram: seed vocabulary size taken from frequent substrings
 * @param shrinkingFactor unigram: share of pieces kept per pruning round
 * @param numSubIterations unigram: EM iterations per pruning round
 * @param maxSentenceLength sentences longer than this (bytes) are skipped, as in spm
 * @param maxSentencepieceLength longest piece, in characters
 * @param splitByUnicodeScript pieces never cross a change of script (Latin, Han, Hiragana, ...)
 * @param splitByNumber pieces never join digits and non-digits
 * @param splitByWhitespace pieces never cross a space
 * @param splitDigits every digit is its own piece
 * @param treatWhitespaceAsSuffix ▁ ends pieces instead of starting them
 * @param userDefinedSymbols pieces always kept whole when they occur in text
 * @param controlSymbols pieces with ids but never produced from text (task markers)
 * @param maskedLmSymbols add <mask>, <cls>, <sep> as control symbols, for BERT-style objectives
 * @param unkId id of <unk> (required)
 * @param bosId id of <s>, -1 for none
 * @param eosId id of </s>, -1 for none; the trainer separates documents with it
 * @param padId id of <pad>, -1 for none (spm's default)
 * @param normalizationRuleName nmt_nfkc (spm's default) | nfkc | nmt_nfkc_cf | nfkc_cf | identity
 * @param addDummyPrefix prepend ▁ so a text's first word looks like any other
 * @param removeExtraWhitespaces trim and collapse runs of whitespace
 */
public record TokenizerConfig(
    String input, String output, String modelPrefix, ModelType modelType, int vocabSize, double characterCoverage,
    boolean byteFallback, long inputSentenceSize, int seedSentencepieceSize, double shrinkingFactor,
    int numSubIterations, int maxSentenceLength, int maxSentencepieceLength, boolean splitByUnicodeScript,
    boolean splitByNumber, boolean splitByWhitespace, boolean splitDigits, boolean treatWhitespaceAsSuffix,
    List<String> userDefinedSymbols, List<String> controlSymbols, boolean maskedLmSymbols,
    int unkId, int bosId, int eosId, int padId,
    String normalizationRuleName, boolean addDummyPrefix, boolean removeExtraWhitespaces) implements Serializable {

  /** Control symbols a masked-LM objective needs. */
  public static final List<String> MASKED_LM_SYMBOLS = List.of("<mask>", "<cls>", "<sep>");

  public TokenizerConfig {
    if (modelType != ModelType.UNIGRAM && modelType != ModelType.BPE) {
      throw new IllegalArgumentException("model_type must be unigram or bpe, got " + modelType);
    }
    if (vocabSize < 8) throw new IllegalArgumentException("vocab_size must be >= 8, got " + vocabSize);
    if (!(characterCoverage > 0 && characterCoverage <= 1)) {
      throw new IllegalArgumentException("character_coverage must be in (0, 1], got " + characterCoverage);
    }
    rule(normalizationRuleName); // fails early on an unknown name
  }

  /** The SentencePiece trainer spec these options stand for (written into the .model file). */
  public TrainerSpec trainerSpec() {
    List<String> control = new ArrayList<>(controlSymbols);
    if (maskedLmSymbols) MASKED_LM_SYMBOLS.stream().filter(s -> !control.contains(s)).forEach(control::add);
    return TrainerSpec.defaults().toBuilder()
        .modelPrefix(modelPrefix).modelType(modelType).vocabSize(vocabSize)
        .characterCoverage((float) characterCoverage).byteFallback(byteFallback)
        .inputSentenceSize(inputSentenceSize).seedSentencepieceSize(seedSentencepieceSize)
        .shrinkingFactor((float) shrinkingFactor).numSubIterations(numSubIterations)
        .maxSentenceLength(maxSentenceLength).maxSentencepieceLength(maxSentencepieceLength)
        .splitByUnicodeScript(splitByUnicodeScript).splitByNumber(splitByNumber)
        .splitByWhitespace(splitByWhitespace).splitDigits(splitDigits)
        .treatWhitespaceAsSuffix(treatWhitespaceAsSuffix)
        .userDefinedSymbols(userDefinedSymbols).controlSymbols(control)
        .unkId(unkId).bosId(bosId).eosId(eosId).padId(padId)
        .build();
  }

  /** The normalizer spec, with the rule's character map compiled in so spm_encode normalizes the same way. */
  public NormalizerSpec normalizerSpec() {
    CharsmapBuilder.Rule rule = rule(normalizationRuleName);
    NormalizerSpec base = rule == null ? NormalizerSpec.defaults() : CharsmapBuilder.spec(rule);
    return base.withAddDummyPrefix(addDummyPrefix).withRemoveExtraWhitespaces(removeExtraWhitespaces);
  }

  private static CharsmapBuilder.Rule rule(String name) {
    if (name.equals("identity")) return null;
    for (CharsmapBuilder.Rule r : CharsmapBuilder.Rule.values()) {
      if (r.specName.equals(name)) return r;
    }
    throw new IllegalArgumentException("normalization_rule_name must be one of nmt_nfkc, nfkc, nmt_nfkc_cf, nfkc_cf,"
        + " identity; got " + name);
  }
}
