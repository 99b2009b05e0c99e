package kotoba.tokenizer.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a SentencePiece model as a Hugging Face {@code tokenizer.json}, laid out the way HF's own
 * SentencePiece converters write it: a Unigram model with Precompiled + Metaspace sections, or a BPE model with
 * merges recovered from the vocabulary and a byte-fallback decoder (the Llama layout).
 */
public final class HfTokenizerJsonWriter {
  private HfTokenizerJsonWriter() {}

  public static void write(SentencePieceModel model, Path path) throws IOException {
    Files.writeString(path, toJson(model), StandardCharsets.UTF_8);
  }

  public static String toJson(SentencePieceModel model) {
    TrainerSpec ts = model.trainerSpec();
    NormalizerSpec ns = model.normalizerSpec();
    boolean bpe = ts.modelType() == TrainerSpec.ModelType.BPE;
    if (!bpe && ts.modelType() != TrainerSpec.ModelType.UNIGRAM) {
      throw new IllegalArgumentException("only UNIGRAM and BPE models can be exported, not " + ts.modelType());
    }
    Json j = new Json();
    j.open('{');
    j.key("version").str("1.0");
    j.key("truncation").raw("null");
    j.key("padding").raw("null");
    j.key("added_tokens").open('[');
    List<Piece> pieces = model.pieces();
    for (int id = 0; id < pieces.size(); id++) {
      Piece p = pieces.get(id);
      if (p.type() != PieceType.CONTROL && p.type() != PieceType.UNKNOWN && p.type() != PieceType.USER_DEFINED) {
        continue;
      }
      j.open('{');
      j.key("id").num(id);
      j.key("content").str(p.piece());
      j.key("single_word").raw("false");
      j.key("lstrip").raw("false");
      j.key("rstrip").raw("false");
      j.key("normalized").raw("false");
      j.key("special").raw(p.type() == PieceType.USER_DEFINED ? "false" : "true");
      j.close('}');
    }
    j.close(']');
    String prepend = ns.addDummyPrefix() ? "always" : "never";
    if (bpe) {
      // Llama layout: whitespace handled by the normalizer, no pre-tokenizer, byte pieces fused on decode.
      j.key("normalizer").open('{').key("type").str("Sequence").key("normalizers").open('[');
      if (ns.precompiledCharsmap().length > 0) precompiled(j, ns);
      if (ns.addDummyPrefix()) j.open('{').key("type").str("Prepend").key("prepend").str("▁").close('}');
      j.open('{').key("type").str("Replace").key("pattern").open('{').key("String").str(" ").close('}')
          .key("content").str("▁").close('}');
      j.close(']').close('}');
      j.key("pre_tokenizer").raw("null");
      j.key("post_processor").raw("null");
      j.key("decoder").open('{').key("type").str("Sequence").key("decoders").open('[');
      j.open('{').key("type").str("Replace").key("pattern").open('{').key("String").str("▁").close('}')
          .key("content").str(" ").close('}');
      j.open('{').key("type").str("ByteFallback").close('}');
      j.open('{').key("type").str("Fuse").close('}');
      if (ns.addDummyPrefix()) {
        j.open('{').key("type").str("Strip").key("content").str(" ").key("start").num(1).key("stop").num(0).close('}');
      }
      j.close(']').close('}');
      j.key("model").open('{');
      j.key("type").str("BPE");
      j.key("dropout").raw("null");
      j.key("unk_token").str(pieces.get(unkId(pieces)).piece());
      j.key("continuing_subword_prefix").raw("null");
      j.key("end_of_word_suffix").raw("null");
      j.key("fuse_unk").raw("true");
      j.key("byte_fallback").raw(Boolean.toString(ts.byteFallback()));
      j.key("ignore_merges").raw("false");
      j.key("vocab").open('{');
      for (int id = 0; id < pieces.size(); id++) j.key(pieces.get(id).piece()).num(id);
      j.close('}');
      j.key("merges").open('[');
      for (String[] m : merges(pieces)) j.str(m[0] + " " + m[1]);
      j.close(']');
      j.close('}');
    } else {
      j.key("normalizer").open('{').key("type").str("Sequence").key("normalizers").open('[');
      if (ns.precompiledCharsmap().length > 0) precompiled(j, ns);
      if (ns.removeExtraWhitespaces()) {
        j.open('{').key("type").str("Replace").key("pattern").open('{').key("Regex").str(" {2,}").close('}')
            .key("content").str(" ").close('}');
      }
      j.close(']').close('}');
      j.key("pre_tokenizer").open('{').key("type").str("Metaspace").key("replacement").str("▁")
          .key("prepend_scheme").str(prepend).key("split").raw("true").close('}');
      j.key("post_processor").raw("null");
      j.key("decoder").open('{').key("type").str("Metaspace").key("replacement").str("▁")
          .key("prepend_scheme").str(prepend).key("split").raw("true").close('}');
      j.key("model").open('{');
      j.key("type").str("Unigram");
      j.key("unk_id").num(unkId(pieces));
      j.key("vocab").open('[');
      for (Piece p : pieces) j.open('[').str(p.piece()).raw(Float.toString(p.score())).close(']');
      j.close(']');
      j.key("byte_fallback").raw(Boolean.toString(ts.byteFallback()));
      j.close('}');
    }
    j.close('}');
    return j.toString();
  }

  private static void precompiled(Json j, NormalizerSpec ns) {
    j.open('{').key("type").str("Precompiled").key("precompiled_charsmap")
        .str(Base64.getEncoder().encodeToString(ns.precompiledCharsmap())).close('}');
  }

  private static int unkId(List<Piece> pieces) {
    for (int i = 0; i < pieces.size(); i++) if (pieces.get(i).type() == PieceType.UNKNOWN) return i;
    throw new IllegalArgumentException("model has no unknown piece");
  }

  /**
   * BPE merges recovered from the vocabulary: every split of a piece into two vocabulary pieces, ordered by the
   * merged piece's id (spm's BPE ids follow merge order), then by the parts' ids.
   */
  static List<String[]> merges(List<Piece> pieces) {
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < pieces.size(); i++) {
      PieceType t = pieces.get(i).type();
      if (t == PieceType.NORMAL || t == PieceType.USER_DEFINED) ids.put(pieces.get(i).piece(), i);
    }
    List<int[]> found = new ArrayList<>();
    for (int id = 0; id < pieces.size(); id++) {
      if (pieces.get(id).type() != PieceType.NORMAL) continue;
      String s = pieces.get(id).piece();
      for (int k = s.offsetByCodePoints(0, 1); k < s.length(); k = s.offsetByCodePoints(k, 1)) {
        Integer l = ids.get(s.substring(0, k));
        Integer r = ids.get(s.substring(k));
        if (l != null && r != null) found.add(new int[] {id, l, r});
      }
    }
    found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
        : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
    List<String[]> out = new ArrayList<>(found.size());
    for (int[] f : found) out.add(new String[] {pieces.get(f[1]).piece(), pieces.get(f[2]).piece()});
    return out;
  }

  /** A minimal streaming JSON writer: enough structure tracking to place commas. */
  private static final class Json {
    private final StringBuilder b = new StringBuilder();
    private boolean needComma;

    Json open(char c) {
      comma();
      b.append(c);
      needComma = false;
      return this;
    }

    Json close(char c) {
      b.append(c);
      needComma = true;
      return this;
    }

    Json key(String k) {
      comma();
      quote(k);
      b.append(':');
      needComma = false;
      return this;
    }

    Json str(String s) {
      comma();
      quote(s);
      needComma = true;
      return this;
    }

    Json num(long n) {
      return raw(Long.toString(n));
    }

    Json raw(String r) {
      comma();
      b.append(r);
      needComma = true;
      return this;
    }

    private void comma() {
      if (needComma) b.append(',');
    }

    private void quote(String s) {
      kotoba.pipeline.text.JsonStrings.quote(b, s);
    }

    @Override
    public String toString() {
      return b.toString();
    }
  }
}
