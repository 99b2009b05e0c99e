package kotoba.corpus.ingest;

/**
 * One delimited chunk of the decompressed stream as seen by {@link LineScanner}.
 *
 * @param offset   byte offset of the chunk's first byte in the decompressed stream
 * @param bytes    the chunk without its newline; when {@code overflow}, only the first bytes (for a sample)
 * @param length   the chunk's full length in bytes, newline excluded, even when not all bytes were kept
 * @param overflow true if the chunk exceeded the record cap and its tail was skipped
 * @param failure  null, or the reject reason if the stream broke while this chunk was being read; such a
 *                 chunk is partial and is the last one
 */
record ScannedLine(long offset, byte[] bytes, long length, boolean overflow, String failure) {

    /** True if every byte is ASCII whitespace (so a blank line or the empty chunk). */
    boolean isBlank() {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return !overflow;
    }
}
