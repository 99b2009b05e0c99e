package kotoba.corpus.ingest;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to cut a source into records and what counts as unreadable.
 *
 * @param format          layout of the source: plain text, JSON Lines or a Lucene line-doc file
 * @param unit            for {@link InputFormat#TEXT}: whether a record is a line, a paragraph or the whole file;
 *                        ignored by the other formats, which are always one record per line
 * @param textField       for {@link InputFormat#JSONL}: name of the string field holding the text; a dotted path
 *                        such as {@code meta.body} walks nested objects (a key that itself contains dots is tried
 *                        first as a literal key); may be null or empty for the other formats
 * @param maxRecordBytes  largest record accepted, in bytes of decompressed input (newline excluded); longer
 *                        records are rejected as {@code record_too_long} and skipped while streaming
 * @param maxControlRatio largest fraction (0..1) of a record's bytes that may be C0 control bytes other than
 *                        tab, newline, carriage return and form feed before the record counts as {@code binary};
 *                        any NUL byte makes it binary regardless
 */
public record IngestConfig(InputFormat format, TextUnit unit, String textField, long maxRecordBytes,
                           double maxControlRatio) implements Serializable {

    /** Default cap on one record: large enough for a book, small enough to keep executor memory bounded. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;
    /** Default tolerated share of control bytes; prose has essentially none, ANSI-coloured logs a few. */
    public static final double DEFAULT_MAX_CONTROL_RATIO = 0.10;

    public IngestConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(unit, "unit");
        textField = textField == null ? "" : textField;
        if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxRecordBytes must be in 1.." + (Integer.MAX_VALUE - 16)
                    + " but was " + maxRecordBytes);
        }
        if (!(maxControlRatio >= 0 && maxControlRatio <= 1)) {
            throw new IllegalArgumentException("maxControlRatio must be in [0, 1] but was " + maxControlRatio);
        }
        if (format == InputFormat.JSONL && textField.isBlank()) {
            throw new IllegalArgumentException("textField must be set for JSONL input");
        }
    }

    /** Plain text with the given unit and default limits. */
    public static IngestConfig text(TextUnit unit) {
        return new IngestConfig(InputFormat.TEXT, unit, "text", DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_CONTROL_RATIO);
    }

    /** JSON Lines reading {@code textField} with default limits. */
    public static IngestConfig jsonLines(String textField) {
        return new IngestConfig(InputFormat.JSONL, TextUnit.LINE, textField, DEFAULT_MAX_RECORD_BYTES,
                DEFAULT_MAX_CONTROL_RATIO);
    }

    /** Lucene line-doc ({@code europarl.lines.txt}) with default limits. */
    public static IngestConfig lineDoc() {
        return new IngestConfig(InputFormat.LINE_DOC, TextUnit.LINE, "text", DEFAULT_MAX_RECORD_BYTES,
                DEFAULT_MAX_CONTROL_RATIO);
    }

    /** This config with a different record cap. */
    public IngestConfig withMaxRecordBytes(long bytes) {
        return new IngestConfig(format, unit, textField, bytes, maxControlRatio);
    }
}
