package kotoba.tokenizer.model;

import java.util.List;

/**
 * SentencePiece's {@code TrainerSpec}: how a vocabulary was (or is to be) trained, with spm's field names in camelCase.
 *
 * <p>{@link #defaults()} is the single place holding spm's defaults (those of {@code sentencepiece_model.proto},
 * which are also spm_train's flag defaults). Proto field numbers are given next to each default so the codec and
 * {@code src/main/proto/sentencepiece_model.proto} can be checked against it.
 */
public record TrainerSpec(
    List<String> input,
    String inputFormat,
    String modelPrefix,
    ModelType modelType,
    int vocabSize,
    List<String> acceptLanguage,
    int selfTestSampleSize,
    boolean enableDifferentialPrivacy,
    float differentialPrivacyNoiseLevel,
    long differentialPrivacyClippingThreshold,
    float characterCoverage,
    long inputSentenceSize,
    boolean shuffleInputSentence,
    int seedSentencepieceSize,
    float shrinkingFactor,
    int maxSentenceLength,
    int numThreads,
    int numSubIterations,
    int maxSentencepieceLength,
    boolean splitByUnicodeScript,
    boolean splitByNumber,
    boolean splitByWhitespace,
    boolean treatWhitespaceAsSuffix,
    boolean allowWhitespaceOnlyPieces,
    boolean splitDigits,
    String pretokenizationDelimiter,
    List<String> controlSymbols,
    List<String> userDefinedSymbols,
    String requiredChars,
    boolean byteFallback,
    boolean vocabularyOutputPieceScore,
    boolean hardVocabLimit,
    boolean useAllVocab,
    int unkId,
    int bosId,
    int eosId,
    int padId,
    String unkPiece,
    String bosPiece,
    String eosPiece,
    String padPiece,
    String unkSurface,
    boolean trainExtremelyLargeCorpus,
    String seedSentencepiecesFile) {

  /** SentencePiece's model algorithms, numbered as in the proto. */
  public enum ModelType {
    UNIGRAM(1), BPE(2), WORD(3), CHAR(4);

    public final int protoValue;

    ModelType(int protoValue) {
      this.protoValue = protoValue;
    }

    /** The enum for a proto value, or empty for values this code does not know. */
    public static java.util.Optional<ModelType> fromProto(int value) {
      for (ModelType t : values()) {
        if (t.protoValue == value) return java.util.Optional.of(t);
      }
      return java.util.Optional.empty();
    }
  }

  public TrainerSpec {

    input = List.copyOf(input);
    inputFormat = inputFormat == null ? "" : inputFormat;
    modelPrefix = modelPrefix == null ? "" : modelPrefix;
    if (modelType == null) throw new IllegalArgumentException("modelType must not be null");
    acceptLanguage = List.copyOf(acceptLanguage);
    pretokenizationDelimiter = pretokenizationDelimiter == null ? "" : pretokenizationDelimiter;
    controlSymbols = List.copyOf(controlSymbols);
    userDefinedSymbols = List.copyOf(userDefinedSymbols);
    requiredChars = requiredChars == null ? "" : requiredChars;
    unkPiece = unkPiece == null ? "" : unkPiece;
    bosPiece = bosPiece == null ? "" : bosPiece;
    eosPiece = eosPiece == null ? "" : eosPiece;
    padPiece = padPiece == null ? "" : padPiece;
    unkSurface = unkSurface == null ? "" : unkSurface;
    seedSentencepiecesFile = seedSentencepiecesFile == null ? "" : seedSentencepiecesFile;
  }

  /** spm's defaults, one per line with the proto field number. */
  public static TrainerSpec defaults() {
    return new TrainerSpec(
        List.of(), // 1 input. training input files
        "", // 7 inputFormat. "text" or "tsv"
        "", // 2 modelPrefix. output path prefix (spm_train only)
        ModelType.UNIGRAM, // 3 modelType. unigram LM (Kudo 2018) by default
        8000, // 4 vocabSize.
        List.of(), // 5 acceptLanguage. ISO 639 codes, informational
        0, // 6 selfTestSampleSize. sentences kept in self_test_data
        false, // 50 enableDifferentialPrivacy.
        0f, // 51 differentialPrivacyNoiseLevel.
        0L, // 52 differentialPrivacyClippingThreshold.
        0.9995f, // 10 characterCoverage. rarer characters become unk (or bytes)
        0L, // 11 inputSentenceSize. 0 = use every sentence
        true, // 19 shuffleInputSentence.
        1_000_000, // 14 seedSentencepieceSize. unigram: seed pieces from the suffix array
        0.75f, // 15 shrinkingFactor. unigram: fraction kept per pruning round
        4192, // 18 maxSentenceLength. bytes; longer sentences are skipped
        16, // 16 numThreads.
        2, // 17 numSubIterations. unigram: EM steps per pruning round
        16, // 20 maxSentencepieceLength. characters
        true, // 21 splitByUnicodeScript.
        true, // 23 splitByNumber.
        true, // 22 splitByWhitespace.
        false, // 24 treatWhitespaceAsSuffix. ▁ ends a piece instead of starting it
        false, // 26 allowWhitespaceOnlyPieces.
        false, // 25 splitDigits.
        "", // 53 pretokenizationDelimiter. newer than spm 0.1.97; written only when set
        List.of(), // 30 controlSymbols.
        List.of(), // 31 userDefinedSymbols. always kept whole when encoding
        "", // 36 requiredChars.
        false, // 35 byteFallback. unknown characters become <0xXX> byte pieces
        true, // 32 vocabularyOutputPieceScore.
        true, // 33 hardVocabLimit.
        false, // 34 useAllVocab.
        0, // 40 unkId.
        1, // 41 bosId.
        2, // 42 eosId.
        -1, // 43 padId. -1 = no padding piece
        "<unk>", // 45 unkPiece.
        "<s>", // 46 bosPiece.
        "</s>", // 47 eosPiece.
        "<pad>", // 48 padPiece.
        " \u2047 ", // 44 unkSurface. what decode() prints for unk
        false, // 49 trainExtremelyLargeCorpus.
        ""); // 54 seedSentencepiecesFile. newer than spm 0.1.97; written only when set
  }

  /** A builder starting from this spec, for changing several fields at once. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public TrainerSpec withModelType(ModelType modelType) {
    return toBuilder().modelType(modelType).build();
  }

  public TrainerSpec withVocabSize(int vocabSize) {
    return toBuilder().vocabSize(vocabSize).build();
  }

  public TrainerSpec withCharacterCoverage(float characterCoverage) {
    return toBuilder().characterCoverage(characterCoverage).build();
  }

  public TrainerSpec withByteFallback(boolean byteFallback) {
    return toBuilder().byteFallback(byteFallback).build();
  }

  public TrainerSpec withUserDefinedSymbols(List<String> userDefinedSymbols) {
    return toBuilder().userDefinedSymbols(userDefinedSymbols).build();
  }

  public TrainerSpec withControlSymbols(List<String> controlSymbols) {
    return toBuilder().controlSymbols(controlSymbols).build();
  }

  public TrainerSpec withInputSentenceSize(long inputSentenceSize) {
    return toBuilder().inputSentenceSize(inputSentenceSize).build();
  }

  public TrainerSpec withSplitDigits(boolean splitDigits) {
    return toBuilder().splitDigits(splitDigits).build();
  }

  public TrainerSpec withMaxSentencepieceLength(int maxSentencepieceLength) {
    return toBuilder().maxSentencepieceLength(maxSentencepieceLength).build();
  }

  public TrainerSpec withTreatWhitespaceAsSuffix(boolean treatWhitespaceAsSuffix) {
    return toBuilder().treatWhitespaceAsSuffix(treatWhitespaceAsSuffix).build();
  }

  /** Mutable builder mirroring the record's components. */
  public static final class Builder {
    private List<String> input;
    private String inputFormat;
    private String modelPrefix;
    private ModelType modelType;
    private int vocabSize;
    private List<String> acceptLanguage;
    private int selfTestSampleSize;
    private boolean enableDifferentialPrivacy;
    private float differentialPrivacyNoiseLevel;
    private long differentialPrivacyClippingThreshold;
    private float characterCoverage;
    private long inputSentenceSize;
    private boolean shuffleInputSentence;
    private int seedSentencepieceSize;
    private float shrinkingFactor;
    private int maxSentenceLength;
    private int numThreads;
    private int numSubIterations;
    private int maxSentencepieceLength;
    private boolean splitByUnicodeScript;
    private boolean splitByNumber;
    private boolean splitByWhitespace;
    private boolean treatWhitespaceAsSuffix;
    private boolean allowWhitespaceOnlyPieces;
    private boolean splitDigits;
    private String pretokenizationDelimiter;
    private List<String> controlSymbols;
    private List<String> userDefinedSymbols;
    private String requiredChars;
    private boolean byteFallback;
    private boolean vocabularyOutputPieceScore;
    private boolean hardVocabLimit;
    private boolean useAllVocab;
    private int unkId;
    private int bosId;
    private int eosId;
    private int padId;
    private String unkPiece;
    private String bosPiece;
    private String eosPiece;
    private String padPiece;
    private String unkSurface;
    private boolean trainExtremelyLargeCorpus;
    private String seedSentencepiecesFile;

    public Builder() {
      this(defaults());
    }

    public Builder(TrainerSpec s) {
      input = s.input;
      inputFormat = s.inputFormat;
      modelPrefix = s.modelPrefix;
      modelType = s.modelType;
      vocabSize = s.vocabSize;
      acceptLanguage = s.acceptLanguage;
      selfTestSampleSize = s.selfTestSampleSize;
      enableDifferentialPrivacy = s.enableDifferentialPrivacy;
      differentialPrivacyNoiseLevel = s.differentialPrivacyNoiseLevel;
      differentialPrivacyClippingThreshold = s.differentialPrivacyClippingThreshold;
      characterCoverage = s.characterCoverage;
      inputSentenceSize = s.inputSentenceSize;
      shuffleInputSentence = s.shuffleInputSentence;
      seedSentencepieceSize = s.seedSentencepieceSize;
      shrinkingFactor = s.shrinkingFactor;
      maxSentenceLength = s.maxSentenceLength;
      numThreads = s.numThreads;
      numSubIterations = s.numSubIterations;
      maxSentencepieceLength = s.maxSentencepieceLength;
      splitByUnicodeScript = s.splitByUnicodeScript;
      splitByNumber = s.splitByNumber;
      splitByWhitespace = s.splitByWhitespace;
      treatWhitespaceAsSuffix = s.treatWhitespaceAsSuffix;
      allowWhitespaceOnlyPieces = s.allowWhitespaceOnlyPieces;
      splitDigits = s.splitDigits;
      pretokenizationDelimiter = s.pretokenizationDelimiter;
      controlSymbols = s.controlSymbols;
      userDefinedSymbols = s.userDefinedSymbols;
      requiredChars = s.requiredChars;
      byteFallback = s.byteFallback;
      vocabularyOutputPieceScore = s.vocabularyOutputPieceScore;
      hardVocabLimit = s.hardVocabLimit;
      useAllVocab = s.useAllVocab;
      unkId = s.unkId;
      bosId = s.bosId;
      eosId = s.eosId;
      padId = s.padId;
      unkPiece = s.unkPiece;
      bosPiece = s.bosPiece;
      eosPiece = s.eosPiece;
      padPiece = s.padPiece;
      unkSurface = s.unkSurface;
      trainExtremelyLargeCorpus = s.trainExtremelyLargeCorpus;
      seedSentencepiecesFile = s.seedSentencepiecesFile;
    }

    public Builder input(List<String> v) {
      input = v;
      return this;
    }

    public Builder inputFormat(String v) {
      inputFormat = v;
      return this;
    }

    public Builder modelPrefix(String v) {
      modelPrefix = v;
      return this;
    }

    public Builder modelType(ModelType v) {
      modelType = v;
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    public Builder acceptLanguage(List<String> v) {
      acceptLanguage = v;
      return this;
    }

    public Builder selfTestSampleSize(int v) {
      selfTestSampleSize = v;
      return this;
    }

    public Builder enableDifferentialPrivacy(boolean v) {
      enableDifferentialPrivacy = v;
      return this;
    }

    public Builder differentialPrivacyNoiseLevel(float v) {
      differentialPrivacyNoiseLevel = v;
      return this;
    }

    public Builder differentialPrivacyClippingThreshold(long v) {
      differentialPrivacyClippingThreshold = v;
      return this;
    }

    public Builder characterCoverage(float v) {
      characterCoverage = v;
      return this;
    }

    public Builder inputSentenceSize(long v) {
      inputSentenceSize = v;
      return this;
    }

    public Builder shuffleInputSentence(boolean v) {
      shuffleInputSentence = v;
      return this;
    }

    public Builder seedSentencepieceSize(int v) {
      seedSentencepieceSize = v;
      return this;
    }

    public Builder shrinkingFactor(float v) {
      shrinkingFactor = v;
      return this;
    }

    public Builder maxSentenceLength(int v) {
      maxSentenceLength = v;
      return this;
    }

    public Builder numThreads(int v) {
      numThreads = v;
      return this;
    }

    public Builder numSubIterations(int v) {
      numSubIterations = v;
      return this;
    }

    public Builder maxSentencepieceLength(int v) {
      maxSentencepieceLength = v;
      return this;
    }

    public Builder splitByUnicodeScript(boolean v) {
      splitByUnicodeScript = v;
      return this;
    }

    public Builder splitByNumber(boolean v) {
      splitByNumber = v;
      return this;
    }

    public Builder splitByWhitespace(boolean v) {
      splitByWhitespace = v;
      return this;
    }

    public Builder treatWhitespaceAsSuffix(boolean v) {
      treatWhitespaceAsSuffix = v;
      return this;
    }

    public Builder allowWhitespaceOnlyPieces(boolean v) {
      allowWhitespaceOnlyPieces = v;
      return this;
    }

    public Builder splitDigits(boolean v) {
      splitDigits = v;
      return this;
    }

    public Builder pretokenizationDelimiter(String v) {
      pretokenizationDelimiter = v;
      return this;
    }

    public Builder controlSymbols(List<String> v) {
      controlSymbols = v;
      return this;
    }

    public Builder userDefinedSymbols(List<String> v) {
      userDefinedSymbols = v;
      return this;
    }

    public Builder requiredChars(String v) {
      requiredChars = v;
      return this;
    }

    public Builder byteFallback(boolean v) {
      byteFallback = v;
      return this;
    }

    public Builder vocabularyOutputPieceScore(boolean v) {
      vocabularyOutputPieceScore = v;
      return this;
    }

    public Builder hardVocabLimit(boolean v) {
      hardVocabLimit = v;
      return this;
    }

    public Builder useAllVocab(boolean v) {
      useAllVocab = v;
      return this;
    }

    public Builder unkId(int v) {
      unkId = v;
      return this;
    }

    public Builder bosId(int v) {
      bosId = v;
      return this;
    }

    public Builder eosId(int v) {
      eosId = v;
      return this;
    }

    public Builder padId(int v) {
      padId = v;
      return this;
    }

    public Builder unkPiece(String v) {
      unkPiece = v;
      return this;
    }

    public Builder bosPiece(String v) {
      bosPiece = v;
      return this;
    }

    public Builder eosPiece(String v) {
      eosPiece = v;
      return this;
    }

    public Builder padPiece(String v) {
      padPiece = v;
      return this;
    }

    public Builder unkSurface(String v) {
      unkSurface = v;
      return this;
    }

    public Builder trainExtremelyLargeCorpus(boolean v) {
      trainExtremelyLargeCorpus = v;
      return this;
    }

    public Builder seedSentencepiecesFile(String v) {
      seedSentencepiecesFile = v;
      return this;
    }

    public TrainerSpec build() {
      return new TrainerSpec(
          input,
          inputFormat,
          modelPrefix,
          modelType,
          vocabSize,
          acceptLanguage,
          selfTestSampleSize,
          enableDifferentialPrivacy,
          differentialPrivacyNoiseLevel,
          differentialPrivacyClippingThreshold,
          characterCoverage,
          inputSentenceSize,
          shuffleInputSentence,
          seedSentencepieceSize,
          shrinkingFactor,
          maxSentenceLength,
          numThreads,
          numSubIterations,
          maxSentencepieceLength,
          splitByUnicodeScript,
          splitByNumber,
          splitByWhitespace,
          treatWhitespaceAsSuffix,
          allowWhitespaceOnlyPieces,
          splitDigits,
          pretokenizationDelimiter,
          controlSymbols,
          userDefinedSymbols,
          requiredChars,
          byteFallback,
          vocabularyOutputPieceScore,
          hardVocabLimit,
          useAllVocab,
          unkId,
          bosId,
          eosId,
          padId,
          unkPiece,
          bosPiece,
          eosPiece,
          padPiece,
          unkSurface,
          trainExtremelyLargeCorpus,
          seedSentencepiecesFile);
    }
  }
}
