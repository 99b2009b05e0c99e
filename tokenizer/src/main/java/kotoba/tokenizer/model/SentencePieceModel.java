package kotoba.tokenizer.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A SentencePiece {@code .model}: the vocabulary (id = index in {@link #pieces()}) plus trainer and normalizer specs,
 * readable and writable by spm itself.
 */
public record SentencePieceModel(
    List<Piece> pieces, TrainerSpec trainerSpec, NormalizerSpec normalizerSpec, UnknownFields unknownFields)
    implements Serializable {

  /** Largest model file accepted; spm models are at most tens of MB, so more means a wrong file. */
  static final long MAX_MODEL_BYTES = 1L << 30;

  public SentencePieceModel {
    pieces = List.copyOf(pieces);
    if (trainerSpec == null) throw new IllegalArgumentException("trainerSpec must not be null");
    if (normalizerSpec == null) throw new IllegalArgumentException("normalizerSpec must not be null");
    if (unknownFields == null) unknownFields = UnknownFields.NONE;
  }

  public SentencePieceModel(List<Piece> pieces, TrainerSpec trainerSpec, NormalizerSpec normalizerSpec) {
    this(pieces, trainerSpec, normalizerSpec, UnknownFields.NONE);
  }

  /** Raw encoded protobuf fields this code does not model, per message, written back verbatim. */
  public record UnknownFields(byte[] model, byte[] trainerSpec, byte[] normalizerSpec) implements Serializable {
    public static final UnknownFields NONE = new UnknownFields(new byte[0], new byte[0], new byte[0]);

    @Override
    public boolean equals(Object o) {
      return o instanceof UnknownFields u && Arrays.equals(model, u.model)
          && Arrays.equals(trainerSpec, u.trainerSpec) && Arrays.equals(normalizerSpec, u.normalizerSpec);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(model) * 31 + Arrays.hashCode(trainerSpec);
    }

    @Override
    public String toString() {
      return "UnknownFields[" + model.length + "+" + trainerSpec.length + "+" + normalizerSpec.length + " bytes]";
    }
  }

  public int size() {
    return pieces.size();
  }

  /** Decodes and validates a model; errors name {@code source} (e.g. the file path). */
  public static SentencePieceModel load(byte[] data, String source) throws ModelFormatException {
    String sniffed = sniffForeignFormat(data);
    if (sniffed != null) {
      throw new ModelFormatException(source + " is not a SentencePiece .model file: it looks like " + sniffed);
    }
    SentencePieceModel m;
    try {
      m = ModelProtoCodec.decode(data);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(source + " is not a valid SentencePiece .model file: " + e.getMessage(), e);
    }
    String problem = m.validationProblem();
    if (problem != null) {
      throw new ModelFormatException(source + " is not a usable SentencePiece .model file: " + problem);
    }
    return m;
  }

  public static SentencePieceModel load(byte[] data) throws ModelFormatException {
    return load(data, "model bytes (" + data.length + " bytes)");
  }

  public static SentencePieceModel load(InputStream in) throws IOException {
    return load(readBounded(in, "input stream"), "model stream");
  }

  public static SentencePieceModel load(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new ModelFormatException(path + " is not a readable SentencePiece .model file: no such file");
    }
    if (Files.size(path) > MAX_MODEL_BYTES) {
      throw new ModelFormatException(path + " is not a SentencePiece .model file: " + Files.size(path)
          + " bytes is far larger than any vocabulary");
    }
    return load(Files.readAllBytes(path), path.toString());
  }

  public byte[] toBytes() {
    return ModelProtoCodec.encode(this);
  }

  public void write(OutputStream out) throws IOException {
    out.write(toBytes());
  }

  /** Writes the model atomically enough for pipelines: to a sibling temp file, then renamed over the target. */
  public void write(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, path.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, toBytes());
      Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The reason spm would refuse this model (its InitializePieces checks), or null when it is usable. */
  public String validationProblem() {
    if (pieces.isEmpty()) return "it has no pieces (a SentencePiece model has at least <unk>)";
    Set<String> seen = new HashSet<>();
    int unk = -1;
    boolean[] bytes = new boolean[256];
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      if (p.piece().isEmpty()) return "piece #" + i + " is empty";
      if (!seen.add(p.piece())) return "piece '" + p.piece() + "' (#" + i + ") is defined twice";
      if (p.type() == PieceType.UNKNOWN) {
        if (unk >= 0) return "both #" + unk + " and #" + i + " are unknown pieces";
        unk = i;
      }
      if (p.type() == PieceType.BYTE) {
        if (!trainerSpec.byteFallback()) return "byte piece " + p.piece() + " found although byte_fallback is false";
        int b = BytePieces.byteOf(p.piece());
        if (b < 0) return "byte piece '" + p.piece() + "' is not of the form <0xXX>";
        bytes[b] = true;
      }
    }
    if (unk < 0) return "it has no unknown piece (<unk>)";
    if (trainerSpec.byteFallback()) {
      for (int b = 0; b < 256; b++) {
        if (!bytes[b]) return "byte_fallback is true but byte piece " + BytePieces.pieceOf(b) + " is missing";
      }
    }
    return null;
  }

  private static byte[] readBounded(InputStream in, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > MAX_MODEL_BYTES) {
        throw new ModelFormatException(what + " is not a SentencePiece .model: more than " + MAX_MODEL_BYTES + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Recognizes common non-model files so the error says what the file is instead of a protobuf offset. */
  static String sniffForeignFormat(byte[] d) {
    if (d.length == 0) return "an empty file";
    if (startsWith(d, 0x89, 'P', 'N', 'G')) return "a PNG image";
    if (startsWith(d, 0xFF, 0xD8, 0xFF)) return "a JPEG image";
    if (startsWith(d, 0x1F, 0x8B)) return "a gzip archive (decompress it first)";
    if (startsWith(d, 'P', 'K', 3, 4)) return "a zip archive";
    if (startsWith(d, 'P', 'A', 'R', '1')) return "a Parquet file";
    int i = 0;
    while (i < d.length && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t')) i++;
    if (i < d.length && d[i] == '{') {
      return "JSON (a Hugging Face tokenizer.json? kotoba reads SentencePiece .model files)";
    }
    // A ModelProto starts with field 1 (a piece) and contains binary floats; pure printable text never does.
    int n = Math.min(d.length, 512);
    boolean text = true;
    for (int k = 0; k < n && text; k++) {
      int b = d[k] & 0xFF;
      text = b >= 0x20 || b == '\n' || b == '\r' || b == '\t';
    }
    if (text && d[0] != 0x0A) return "a text file (a .vocab file? kotoba reads the binary .model file)";
    return null;
  }

  private static boolean startsWith(byte[] d, int... prefix) {
    if (d.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) {
      if ((d[i] & 0xFF) != prefix[i]) return false;
    }
    return true;
  }
}
