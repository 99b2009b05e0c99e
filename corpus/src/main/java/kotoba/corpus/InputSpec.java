package kotoba.corpus;

import kotoba.corpus.ingest.InputFormat;
import kotoba.corpus.ingest.TextUnit;

/**
 * One input of the corpus stage (an item of `corpus.inputs`); keys left out take the values of {@link #defaults()}.
 *
 * @param path file, directory or glob on any Hadoop file system (file://, hdfs://, s3a://); .gz and .bz2 are
 *     decompressed
 * @param source name recorded in the docs' `source` column and the accounting; defaults to the path
 * @param format text | jsonl | europarl (Lucene line-doc: title TAB date TAB body) | parquet
 * @param unit for text: line | paragraph (blank-line separated) | file
 * @param textField for jsonl: the (dotted) field holding the text; for parquet: the text column
 */
public record InputSpec(String path, String source, Format format, TextUnit unit, String textField) {

  /** Input formats: the three line-oriented ones the ingest readers handle, plus Parquet read by Spark. */
  public enum Format {
    TEXT, JSONL, EUROPARL, PARQUET;

    public static Format parse(String s) {
      if (s.trim().equalsIgnoreCase("parquet")) return PARQUET;
      return switch (InputFormat.parse(s)) {
        case TEXT -> TEXT;
        case JSONL -> JSONL;
        case LINE_DOC -> EUROPARL;
      };
    }

    public InputFormat ingestFormat() {
      return switch (this) {
        case TEXT -> InputFormat.TEXT;
        case JSONL -> InputFormat.JSONL;
        case EUROPARL -> InputFormat.LINE_DOC;
        case PARQUET -> throw new IllegalStateException("parquet is read by Spark, not the ingest readers");
      };
    }
  }

  public InputSpec {
    // A null path only exists in defaults(); CorpusConfig rejects it, naming the input.
    if (path != null && path.isBlank()) throw new IllegalArgumentException("an input's path is empty");
    if ((source == null || source.isBlank()) && path != null) source = path;
  }

  static InputSpec defaults() {
    return new InputSpec(null, "", Format.TEXT, TextUnit.LINE, "text");
  }
}
