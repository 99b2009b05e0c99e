package kotoba.corpus.ingest;

/**
 * A record read from a source, decoded as UTF-8 but not yet normalized.
 *
 * @param source path or name of the source file, as given to the reader
 * @param offset byte offset of the record's first byte in the decompressed stream (0-based)
 * @param text   the record text, valid UTF-16 decoded from valid UTF-8
 */
public record RawRecord(String source, long offset, String text) implements IngestOutcome {
}
