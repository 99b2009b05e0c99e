package kotoba.tokenizer.model;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the human-readable {@code .vocab} file: one "piece TAB score" line per id, as spm_export_vocab does. */
public final class VocabWriter {
  private VocabWriter() {}

  public static void write(SentencePieceModel model, Writer out) throws IOException {
    boolean scores = model.trainerSpec().vocabularyOutputPieceScore();
    for (Piece p : model.pieces()) {
      out.write(p.piece());
      out.write('\t');
      // spm prints floats with C++ ostream defaults (6 significant digits, no trailing zeros).
      out.write(scores ? formatScore(p.score()) : "0");
      out.write('\n');
    }
  }

  public static void write(SentencePieceModel model, Path path) throws IOException {
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      write(model, w);
    }
  }

  /** Formats like C++ {@code std::ostream << float}: %g with 6 significant digits, trailing zeros dropped. */
  static String formatScore(float f) {
    if (f == 0f) return "0";
    if (Float.isNaN(f)) return "nan";
    if (Float.isInfinite(f)) return f > 0 ? "inf" : "-inf";
    // Java's %g never switches to exponent form for small magnitudes the way C does; redo it C's way.
    int exp = (int) Math.floor(Math.log10(Math.abs(f)));
    String mantissa;
    String suffix = "";
    if (exp < -4 || exp >= 6) {
      double m = f / Math.pow(10, exp);
      if (Math.abs(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.5f", m))) >= 10) {
        exp++;
        m = f / Math.pow(10, exp);
      }
      mantissa = String.format(java.util.Locale.ROOT, "%.5f", m);
      suffix = String.format(java.util.Locale.ROOT, "e%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
    } else {
      mantissa = String.format(java.util.Locale.ROOT, "%." + Math.max(0, 5 - exp) + "f", (double) f);
    }
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) mantissa = mantissa.substring(0, mantissa.length() - 1);
    }
    return mantissa + suffix;
  }
}
