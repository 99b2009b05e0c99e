package kotoba.corpus.ingest;

/**
 * A record (or whole source) that could not be read, with a stable reason key from {@link RejectReasons}.
 *
 * @param source path or name of the source file, as given to the reader
 * @param offset byte offset in the decompressed stream where the rejected record starts (0-based);
 *               0 for a whole-source reject
 * @param reason stable reason key, one of the constants in {@link RejectReasons}
 * @param sample the first {@link Samples#SAMPLE_BYTES} bytes of the record, printable-escaped by {@link Samples}
 */
public record Reject(String source, long offset, String reason, String sample) implements IngestOutcome {

    static Reject of(String source, long offset, String reason, byte[] bytes, int length) {
        return new Reject(source, offset, reason, Samples.escape(bytes, Math.min(length, Samples.SAMPLE_BYTES)));
    }
}
