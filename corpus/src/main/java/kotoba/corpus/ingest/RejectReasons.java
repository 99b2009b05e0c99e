package kotoba.corpus.ingest;

/** Stable reason keys for rejected input; they appear in the rejects table and the manifest counts. */
public final class RejectReasons {

    /** The record's bytes are not well-formed UTF-8 (a Shift_JIS or Latin-1 file, for example). */
    public static final String INVALID_UTF8 = "invalid_utf8";
    /** NUL bytes or too many control bytes: not text. */
    public static final String BINARY = "binary";
    /** The record is longer than {@code IngestConfig.maxRecordBytes}; it was skipped without buffering. */
    public static final String RECORD_TOO_LONG = "record_too_long";
    /** The compressed stream ended early; everything before this offset was read. */
    public static final String TRUNCATED_INPUT = "truncated_input";
    /** The compressed stream is damaged (bad CRC, bad block); everything before this offset was read. */
    public static final String CORRUPT_INPUT = "corrupt_input";
    /** A JSON Lines line is not one JSON value. */
    public static final String MALFORMED_JSON = "malformed_json";
    /** A JSON Lines record has no text field, or the field is not a string. */
    public static final String MISSING_TEXT_FIELD = "missing_text_field";
    /** A line of a tab-separated line-doc file does not have the expected number of fields. */
    public static final String MALFORMED_LINE = "malformed_line";

    private RejectReasons() {
    }
}
