package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one metrics CSV file (the trainer's MetricsFileSink format: header row, one row per logged step) into
 * {@link StepMetrics}. A file without the required columns is rejected whole; a row with a malformed number is
 * rejected with its line number; both reasons are collected, never thrown, so the other files and rows go on.
 */
public final class MetricsCsv {
  /** Columns without which no fit can be made. */
  public static final List<String> REQUIRED =
      List.of("run_id", "step", "tokens_seen", "flops", "params", "params_non_embedding", "val_loss");

  private MetricsCsv() {}

  /** Parses {@code text}; rows go to {@code rows}, reasons for what was skipped to {@code rejects}. */
  public static void parse(String source, String text, List<StepMetrics> rows, List<String> rejects) {
    List<CsvRecords.Line> lines = CsvRecords.parse(text);
    if (lines.isEmpty()) {
      rejects.add(source + ": empty file");
      return;
    }
    Map<String, Integer> col = new HashMap<>();
    List<String> header = lines.get(0).fields();
    for (int i = 0; i < header.size(); i++) col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    List<String> missing = new ArrayList<>();
    for (String r : REQUIRED) if (!col.containsKey(r)) missing.add(r);
    if (!missing.isEmpty()) {
      rejects.add(source + ": not a metrics file, missing column(s) " + String.join(", ", missing));
      return;
    }
    for (int li = 1; li < lines.size(); li++) {
      CsvRecords.Line line = lines.get(li);
      try {
        rows.add(row(line.fields(), col, header.size()));
      } catch (IllegalArgumentException e) {
        rejects.add(source + ":" + line.number() + ": " + e.getMessage());
      }
    }
  }

  private static StepMetrics row(List<String> f, Map<String, Integer> col, int width) {
    if (f.size() != width) {
      throw new IllegalArgumentException("expected " + width + " fields, found " + f.size());
    }
    String runId = f.get(col.get("run_id")).trim();
    if (runId.isEmpty()) throw new IllegalArgumentException("empty run_id");
    boolean[] nonFinite = {false};
    double step = required(f, col, "step");
    double trainLoss = loss(f, col, "train_loss", nonFinite);
    // The trainer never logs a step without a training loss, and writes NaN as an empty field: an empty
    // train_loss therefore means the loss was NaN.
    if (col.containsKey("train_loss") && Double.isNaN(trainLoss)) nonFinite[0] = true;
    return new StepMetrics(runId, (long) step, required(f, col, "tokens_seen"), required(f, col, "flops"),
        required(f, col, "params"), required(f, col, "params_non_embedding"), trainLoss,
        loss(f, col, "val_loss", nonFinite), loss(f, col, "val_bits_per_byte", nonFinite), nonFinite[0]);
  }

  private static double required(List<String> f, Map<String, Integer> col, String name) {
    String s = f.get(col.get(name)).trim();
    double v = number(s, name);
    if (!Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException("column " + name + " must be a finite number >= 0, got '" + s + "'");
    }
    return v;
  }

  /** An optional loss column: NaN when absent or empty; flags a written NaN or infinity. */
  private static double loss(List<String> f, Map<String, Integer> col, String name, boolean[] nonFinite) {
    Integer i = col.get(name);
    if (i == null) return Double.NaN;
    String s = f.get(i).trim();
    if (s.isEmpty()) return Double.NaN;
    double v = number(s, name);
    if (!Double.isFinite(v)) {
      nonFinite[0] = true;
      return Double.NaN;
    }
    return v;
  }

  private static double number(String s, String name) {
    String v = s.toLowerCase(Locale.ROOT);
    switch (v) {
      case "nan", "null" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("column " + name + ": not a number '" + s + "'");
        }
      }
    }
  }
}
