package kotoba.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one split of a docs Parquet dataset as plain text, one line per line of each document, so that spm_train and
 * spm_encode see the same sentences the tokenizer stage trains on (it splits documents on '\n' and skips empty lines).
 *
 * <p>Usage: ExportLines DOCS_DIR SPLIT OUT_FILE. Prints "lines bytes" (bytes = UTF-8 bytes of the lines, no newlines).
 */
public final class ExportLines {
  private ExportLines() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ExportLines DOCS_DIR SPLIT OUT_FILE");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench-export")
        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false").getOrCreate();
    long lines = 0;
    long bytes = 0;
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      // Sorted by id so the exported file, and therefore spm's input order, is the same on every run.
      Iterator<Row> rows = spark.read().parquet(args[0]).filter(
          org.apache.spark.sql.functions.col("split").equalTo(args[1])).select("id", "text").orderBy("id")
          .toLocalIterator();
      while (rows.hasNext()) {
        for (String line : rows.next().getString(1).split("\n")) {
          if (line.isEmpty()) continue;
          out.write(line);
          out.write('\n');
          lines++;
          bytes += line.getBytes(StandardCharsets.UTF_8).length;
        }
      }
    } finally {
      spark.stop();
    }
    System.out.println(lines + " " + bytes);
  }
}
