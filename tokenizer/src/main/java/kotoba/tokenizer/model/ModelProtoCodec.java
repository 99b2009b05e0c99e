package kotoba.tokenizer.model;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes SentencePiece's {@code ModelProto} in protobuf wire format, without protobuf-java.
 *
 * <p>Field numbers are those of {@code src/main/proto/sentencepiece_model.proto}. Fields this code does not model
 * (self_test_data, denormalizer_spec, extensions, fields from newer spm versions) are kept as raw bytes and written
 * back unchanged.
 */
final class ModelProtoCodec {
  private ModelProtoCodec() {}

  static SentencePieceModel decode(byte[] data) throws ModelFormatException {
    ProtoReader r = new ProtoReader(data, 0, data.length);
    List<Piece> pieces = new ArrayList<>();
    TrainerSpec trainer = TrainerSpec.defaults();
    NormalizerSpec normalizer = null;
    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    byte[] trainerUnknown = new byte[0];
    byte[] normalizerUnknown = new byte[0];
    while (!r.atEnd()) {
      int start = r.position();
      int tag = r.readTag();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == ProtoReader.LENGTH_DELIMITED) {
        pieces.add(decodePiece(r.readMessage(), pieces.size()));
      } else if (field == 2 && wire == ProtoReader.LENGTH_DELIMITED) {
        ByteArrayOutputStream u = new ByteArrayOutputStream();
        trainer = decodeTrainerSpec(r.readMessage(), u);
        trainerUnknown = u.toByteArray();
      } else if (field == 3 && wire == ProtoReader.LENGTH_DELIMITED) {
        ByteArrayOutputStream u = new ByteArrayOutputStream();
        normalizer = decodeNormalizerSpec(r.readMessage(), u);
        normalizerUnknown = u.toByteArray();
      } else {
        r.skipTo(tag, unknown, start);
      }
    }
    if (normalizer == null) {
      // A model without normalizer_spec reads as the proto defaults: empty name and charsmap.
      normalizer = NormalizerSpec.defaults().withName("");
    }
    return new SentencePieceModel(pieces, trainer, normalizer,
        new SentencePieceModel.UnknownFields(unknown.toByteArray(), trainerUnknown, normalizerUnknown));
  }

  private static Piece decodePiece(ProtoReader r, int index) throws ModelFormatException {
    String piece = "";
    float score = 0f;
    PieceType type = PieceType.NORMAL;
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    while (!r.atEnd()) {
      int start = r.position();
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | ProtoReader.LENGTH_DELIMITED -> piece = r.readString();
        case (2 << 3) | ProtoReader.FIXED32 -> score = r.readFloat();
        case (3 << 3) | ProtoReader.VARINT -> {
          long v = r.readVarint();
          try {
            type = PieceType.fromProto((int) v);
          } catch (IllegalArgumentException e) {
            throw new ModelFormatException("piece #" + index + " has unknown type " + v);
          }
        }
        // Per-piece extensions are rare and not worth a field in Piece; they are dropped.
        default -> r.skipTo(tag, ignored, start);
      }
    }
    return new Piece(piece, score, type);
  }

  private static TrainerSpec decodeTrainerSpec(ProtoReader r, ByteArrayOutputStream unknown)
      throws ModelFormatException {
    TrainerSpec.Builder b = TrainerSpec.defaults().toBuilder();
    List<String> input = new ArrayList<>();
    List<String> acceptLanguage = new ArrayList<>();
    List<String> controlSymbols = new ArrayList<>();
    List<String> userDefinedSymbols = new ArrayList<>();
    while (!r.atEnd()) {
      int start = r.position();
      int tag = r.readTag();
      if (!expectedWireType(tag, TRAINER_WIRE)) {
        r.skipTo(tag, unknown, start);
        continue;
      }
      switch (tag >>> 3) {
        case 1 -> input.add(r.readString());
        case 7 -> b.inputFormat(r.readString());
        case 2 -> b.modelPrefix(r.readString());
        case 3 -> {
          int v = (int) r.readVarint();
          var type = TrainerSpec.ModelType.fromProto(v);
          if (type.isPresent()) b.modelType(type.get()); else keepUnknownVarint(unknown, 3, v);
        }
        case 4 -> b.vocabSize((int) r.readVarint());
        case 5 -> acceptLanguage.add(r.readString());
        case 6 -> b.selfTestSampleSize((int) r.readVarint());
        case 50 -> b.enableDifferentialPrivacy(r.readVarint() != 0);
        case 51 -> b.differentialPrivacyNoiseLevel(r.readFloat());
        case 52 -> b.differentialPrivacyClippingThreshold(r.readVarint());
        case 10 -> b.characterCoverage(r.readFloat());
        case 11 -> b.inputSentenceSize(r.readVarint());
        case 19 -> b.shuffleInputSentence(r.readVarint() != 0);
        case 14 -> b.seedSentencepieceSize((int) r.readVarint());
        case 15 -> b.shrinkingFactor(r.readFloat());
        case 18 -> b.maxSentenceLength((int) r.readVarint());
        case 16 -> b.numThreads((int) r.readVarint());
        case 17 -> b.numSubIterations((int) r.readVarint());
        case 20 -> b.maxSentencepieceLength((int) r.readVarint());
        case 21 -> b.splitByUnicodeScript(r.readVarint() != 0);
        case 23 -> b.splitByNumber(r.readVarint() != 0);
        case 22 -> b.splitByWhitespace(r.readVarint() != 0);
        case 24 -> b.treatWhitespaceAsSuffix(r.readVarint() != 0);
        case 26 -> b.allowWhitespaceOnlyPieces(r.readVarint() != 0);
        case 25 -> b.splitDigits(r.readVarint() != 0);
        case 53 -> b.pretokenizationDelimiter(r.readString());
        case 30 -> controlSymbols.add(r.readString());
        case 31 -> userDefinedSymbols.add(r.readString());
        case 36 -> b.requiredChars(r.readString());
        case 35 -> b.byteFallback(r.readVarint() != 0);
        case 32 -> b.vocabularyOutputPieceScore(r.readVarint() != 0);
        case 33 -> b.hardVocabLimit(r.readVarint() != 0);
        case 34 -> b.useAllVocab(r.readVarint() != 0);
        case 40 -> b.unkId((int) r.readVarint());
        case 41 -> b.bosId((int) r.readVarint());
        case 42 -> b.eosId((int) r.readVarint());
        case 43 -> b.padId((int) r.readVarint());
        case 45 -> b.unkPiece(r.readString());
        case 46 -> b.bosPiece(r.readString());
        case 47 -> b.eosPiece(r.readString());
        case 48 -> b.padPiece(r.readString());
        case 44 -> b.unkSurface(r.readString());
        case 49 -> b.trainExtremelyLargeCorpus(r.readVarint() != 0);
        case 54 -> b.seedSentencepiecesFile(r.readString());
        default -> r.skipTo(tag, unknown, start);
      }
    }
    b.input(input);
    b.acceptLanguage(acceptLanguage);
    b.controlSymbols(controlSymbols);
    b.userDefinedSymbols(userDefinedSymbols);
    return b.build();
  }

  private static NormalizerSpec decodeNormalizerSpec(ProtoReader r, ByteArrayOutputStream unknown)
      throws ModelFormatException {
    // Start from proto defaults (not NormalizerSpec.defaults(), whose name is kotoba's choice).
    String name = "";
    byte[] charsmap = new byte[0];
    boolean addDummyPrefix = true;
    boolean removeExtraWhitespaces = true;
    boolean escapeWhitespaces = true;
    String tsv = "";
    while (!r.atEnd()) {
      int start = r.position();
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | ProtoReader.LENGTH_DELIMITED -> name = r.readString();
        case (2 << 3) | ProtoReader.LENGTH_DELIMITED -> charsmap = r.readBytes();
        case (3 << 3) | ProtoReader.VARINT -> addDummyPrefix = r.readVarint() != 0;
        case (4 << 3) | ProtoReader.VARINT -> removeExtraWhitespaces = r.readVarint() != 0;
        case (5 << 3) | ProtoReader.VARINT -> escapeWhitespaces = r.readVarint() != 0;
        case (6 << 3) | ProtoReader.LENGTH_DELIMITED -> tsv = r.readString();
        default -> r.skipTo(tag, unknown, start);
      }
    }
    return new NormalizerSpec(name, charsmap, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, tsv);
  }

  static byte[] encode(SentencePieceModel m) {
    ProtoWriter w = new ProtoWriter();
    for (Piece p : m.pieces()) {
      ProtoWriter pw = new ProtoWriter();
      pw.string(1, p.piece());
      pw.float32(2, p.score());
      // spm leaves type unset for NORMAL pieces; doing the same keeps files byte-comparable.
      if (p.type() != PieceType.NORMAL) pw.int32(3, p.type().protoValue);
      w.message(1, pw);
    }
    ProtoWriter tw = encodeTrainerSpec(m.trainerSpec());
    tw.raw(m.unknownFields().trainerSpec());
    w.message(2, tw);
    ProtoWriter nw = encodeNormalizerSpec(m.normalizerSpec());
    nw.raw(m.unknownFields().normalizerSpec());
    w.message(3, nw);
    w.raw(m.unknownFields().model());
    return w.toByteArray();
  }

  private static ProtoWriter encodeNormalizerSpec(NormalizerSpec s) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, s.name());
    w.bytes(2, s.precompiledCharsmap());
    w.bool(3, s.addDummyPrefix());
    w.bool(4, s.removeExtraWhitespaces());
    // spm 0.1.97 leaves escape_whitespaces unset and always sets the rule tsv; following it keeps our output
    // byte-identical to spm's for the same model.
    if (!s.escapeWhitespaces()) w.bool(5, false);
    w.string(6, s.normalizationRuleTsv());
    return w;
  }

  private static ProtoWriter encodeTrainerSpec(TrainerSpec s_) {
    ProtoWriter w = new ProtoWriter();
    for (String s : s_.input()) w.string(1, s);
    w.string(2, s_.modelPrefix());
    w.int32(3, s_.modelType().protoValue);
    w.int32(4, s_.vocabSize());
    for (String s : s_.acceptLanguage()) w.string(5, s);
    w.int32(6, s_.selfTestSampleSize());
    w.string(7, s_.inputFormat());
    w.float32(10, s_.characterCoverage());
    w.uint64(11, s_.inputSentenceSize());
    w.int32(14, s_.seedSentencepieceSize());
    w.float32(15, s_.shrinkingFactor());
    w.int32(16, s_.numThreads());
    w.int32(17, s_.numSubIterations());
    w.int32(18, s_.maxSentenceLength());
    w.bool(19, s_.shuffleInputSentence());
    w.int32(20, s_.maxSentencepieceLength());
    w.bool(21, s_.splitByUnicodeScript());
    w.bool(22, s_.splitByWhitespace());
    w.bool(23, s_.splitByNumber());
    w.bool(24, s_.treatWhitespaceAsSuffix());
    w.bool(25, s_.splitDigits());
    w.bool(26, s_.allowWhitespaceOnlyPieces());
    for (String s : s_.controlSymbols()) w.string(30, s);
    for (String s : s_.userDefinedSymbols()) w.string(31, s);
    w.bool(32, s_.vocabularyOutputPieceScore());
    w.bool(33, s_.hardVocabLimit());
    w.bool(34, s_.useAllVocab());
    w.bool(35, s_.byteFallback());
    w.string(36, s_.requiredChars());
    w.int32(40, s_.unkId());
    w.int32(41, s_.bosId());
    w.int32(42, s_.eosId());
    w.int32(43, s_.padId());
    w.string(44, s_.unkSurface());
    w.string(45, s_.unkPiece());
    w.string(46, s_.bosPiece());
    w.string(47, s_.eosPiece());
    w.string(48, s_.padPiece());
    w.bool(49, s_.trainExtremelyLargeCorpus());
    w.bool(50, s_.enableDifferentialPrivacy());
    w.float32(51, s_.differentialPrivacyNoiseLevel());
    w.uint64(52, s_.differentialPrivacyClippingThreshold());
    if (!s_.pretokenizationDelimiter().isEmpty()) w.string(53, s_.pretokenizationDelimiter());
    if (!s_.seedSentencepiecesFile().isEmpty()) w.string(54, s_.seedSentencepiecesFile());
    return w;
  }

  /** Wire type of each modelled TrainerSpec field; a field arriving with another wire type is kept as unknown. */
  private static final int[] TRAINER_WIRE = new int[64];

  static {
    java.util.Arrays.fill(TRAINER_WIRE, -1);
    for (int f : new int[] {1, 2, 5, 7, 30, 31, 36, 44, 45, 46, 47, 48, 53, 54}) {
      TRAINER_WIRE[f] = ProtoReader.LENGTH_DELIMITED;
    }
    for (int f : new int[] {10, 15, 51}) TRAINER_WIRE[f] = ProtoReader.FIXED32;
    for (int f : new int[] {3, 4, 6, 11, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 32, 33, 34, 35, 40, 41, 42,
        43, 49, 50, 52}) {
      TRAINER_WIRE[f] = ProtoReader.VARINT;
    }
  }

  private static boolean expectedWireType(int tag, int[] table) {
    int field = tag >>> 3;
    return field < table.length && table[field] == (tag & 7);
  }

  private static void keepUnknownVarint(ByteArrayOutputStream unknown, int field, long value) {
    ProtoWriter w = new ProtoWriter();
    w.int32(field, (int) value);
    unknown.writeBytes(w.toByteArray());
  }
}
