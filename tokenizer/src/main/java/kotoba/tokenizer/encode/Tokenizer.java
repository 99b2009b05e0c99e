package kotoba.tokenizer.encode;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import kotoba.tokenizer.model.BytePieces;
import kotoba.tokenizer.model.ModelFormatException;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.SentencePieceModel;
import kotoba.tokenizer.model.TrainerSpec;
import kotoba.tokenizer.normalize.Normalizer;

/**
 * Encodes text to ids and decodes ids to text exactly as spm_encode / spm_decode do for the same {@code .model}.
 *
 * <p>Thread-safe. Serializable as the model bytes only (the tries are rebuilt on arrival), so it is cheap to
 * broadcast to Spark executors.
 */
public final class Tokenizer implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final byte[] modelBytes;
  private transient SentencePieceModel model;
  private transient Vocabulary vocab;
  private transient Normalizer normalizer;
  private transient UnigramEncoder unigram;
  private transient BpeEncoder bpe;
  private transient Decoder decoder;

  private Tokenizer(byte[] modelBytes, SentencePieceModel model) throws ModelFormatException {
    this.modelBytes = modelBytes;
    init(model);
  }

  public static Tokenizer load(Path modelFile) throws IOException {
    SentencePieceModel m = SentencePieceModel.load(modelFile);
    try {
      return new Tokenizer(m.toBytes(), m);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(modelFile + ": " + e.getMessage(), e);
    }
  }

  public static Tokenizer fromBytes(byte[] modelBytes) throws ModelFormatException {
    return new Tokenizer(modelBytes.clone(), SentencePieceModel.load(modelBytes));
  }

  public static Tokenizer of(SentencePieceModel model) throws ModelFormatException {
    String problem = model.validationProblem();
    if (problem != null) throw new ModelFormatException("model is not usable: " + problem);
    return new Tokenizer(model.toBytes(), model);
  }

  private void init(SentencePieceModel m) throws ModelFormatException {
    TrainerSpec.ModelType type = m.trainerSpec().modelType();
    if (type != TrainerSpec.ModelType.UNIGRAM && type != TrainerSpec.ModelType.BPE) {
      throw new ModelFormatException("model_type " + type + " is not supported (kotoba encodes UNIGRAM and BPE)");
    }
    Vocabulary v = new Vocabulary(m);
    List<String> userDefined = new ArrayList<>();
    for (Piece p : m.pieces()) if (p.type() == PieceType.USER_DEFINED) userDefined.add(p.piece());
    try {
      normalizer = new Normalizer(m.normalizerSpec(), m.trainerSpec().treatWhitespaceAsSuffix(), userDefined);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("precompiled_charsmap is broken: " + e.getMessage(), e);
    }
    model = m;
    vocab = v;
    unigram = type == TrainerSpec.ModelType.UNIGRAM ? new UnigramEncoder(v) : null;
    bpe = type == TrainerSpec.ModelType.BPE ? new BpeEncoder(v) : null;
    decoder = new Decoder(v, m.normalizerSpec(), m.trainerSpec().unkSurface());
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    init(SentencePieceModel.load(modelBytes, "serialized Tokenizer"));
  }

  /** Ids of {@code text}, identical to {@code spm_encode --output_format=id}. */
  public int[] encode(String text) {
    byte[] norm = normalizer.normalize(kotoba.tokenizer.normalize.Utf8.encode(text));
    return toIds(norm, segment(norm));
  }

  /**
   * Ids of one segmentation sampled for subword regularization: unigram samples from all segmentations with
   * probability ∝ P(x)^alpha (spm's {@code --alpha} with nbest_size -1); BPE drops each merge with probability
   * alpha (BPE-dropout). Same distribution as spm, not the same random draws.
   */
  public int[] sampleEncode(String text, float alpha, RandomGenerator rng) {
    byte[] norm = normalizer.normalize(kotoba.tokenizer.normalize.Utf8.encode(text));
    if (norm.length == 0) return new int[0];
    Segmentation seg = unigram != null ? unigram.sample(norm, alpha, rng) : bpe.encode(norm, alpha, rng);
    return toIds(norm, seg);
  }

  /** Pieces of {@code text}, as {@code spm_encode --output_format=piece} prints them. */
  public List<String> encodeAsPieces(String text) {
    byte[] norm = normalizer.normalize(kotoba.tokenizer.normalize.Utf8.encode(text));
    Segmentation seg = segment(norm);
    List<String> out = new ArrayList<>(seg.size());
    boolean prevUnk = false;
    for (int i = 0; i < seg.size(); i++) {
      int id = seg.ids.get(i);
      boolean unk = id == vocab.unkId;
      if (unk && vocab.byteFallback) {
        for (int b = seg.start(i); b < seg.ends.get(i); b++) out.add(BytePieces.pieceOf(norm[b]));
      } else {
        String surface = new String(norm, seg.start(i), seg.ends.get(i) - seg.start(i), StandardCharsets.UTF_8);
        if (unk && prevUnk) out.set(out.size() - 1, out.get(out.size() - 1) + surface);
        else out.add(surface);
      }
      prevUnk = unk;
    }
    return out;
  }

  private Segmentation segment(byte[] norm) {
    if (norm.length == 0) return new Segmentation(0);
    return unigram != null ? unigram.encode(norm) : bpe.encode(norm);
  }

  /** spm's post-processing: a run of unknown pieces becomes one unk, or byte pieces with byte_fallback. */
  private int[] toIds(byte[] norm, Segmentation seg) {
    IntList out = new IntList(seg.size() + 4);
    boolean prevUnk = false;
    for (int i = 0; i < seg.size(); i++) {
      int id = seg.ids.get(i);
      boolean unk = id == vocab.unkId;
      if (unk && vocab.byteFallback) {
        for (int b = seg.start(i); b < seg.ends.get(i); b++) out.add(vocab.byteIds[norm[b] & 0xFF]);
      } else if (!(unk && prevUnk)) {
        out.add(id);
      }
      prevUnk = unk;
    }
    return out.toArray();
  }

  /** Text of {@code ids}, identical to {@code spm_decode --input_format=id}. */
  public String decode(int[] ids) {
    return decoder.decode(ids);
  }

  /** The normalized form of {@code text} with '▁' for spaces, as the encoder sees it. */
  public String normalize(String text) {
    return normalizer.normalize(text);
  }

  /** Id of a piece, or the unk id when the vocabulary does not have it (as spm's PieceToId). */
  public int pieceToId(String piece) {
    return vocab.pieceToId(piece);
  }

  public String idToPiece(int id) {
    return vocab.pieces[id];
  }

  public int vocabSize() {
    return vocab.size();
  }

  public int unkId() {
    return vocab.unkId;
  }

  /** Id of the BOS control piece, or -1 when the model has none. */
  public int bosId() {
    return controlId(model.trainerSpec().bosPiece(), "<s>");
  }

  public int eosId() {
    return controlId(model.trainerSpec().eosPiece(), "</s>");
  }

  public int padId() {
    return controlId(model.trainerSpec().padPiece(), "<pad>");
  }

  private int controlId(String piece, String fallback) {
    int id = vocab.pieceToId(piece.isEmpty() ? fallback : piece);
    return vocab.types[id] == PieceType.CONTROL ? id : -1;
  }

  public SentencePieceModel model() {
    return model;
  }

  /** The serialized {@code .model} this tokenizer was built from. */
  public byte[] modelBytes() {
    return modelBytes.clone();
  }
}
