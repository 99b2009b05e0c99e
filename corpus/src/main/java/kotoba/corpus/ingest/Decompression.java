package kotoba.corpus.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/** Opens the decompressed view of a raw source stream and classifies decompression failures. */
final class Decompression {

    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * The decompressed stream, or the reason it could not even be opened.
     *
     * @param stream      decompressed bytes; null when {@code failure} is set
     * @param compression the detected format
     * @param failure     null, or a reject reason when the compressed header itself is unreadable
     */
    record Opened(InputStream stream, Compression compression, String failure) {
    }

    private Decompression() {
    }

    /** Source I/O errors propagate as {@link SourceReadException}; bad compressed data becomes a failure. */
    static Opened open(String name, InputStream raw) throws SourceReadException {
        BufferedInputStream buffered = new BufferedInputStream(new SourceGuardStream(raw), BUFFER_BYTES);
        byte[] head = new byte[Compression.SNIFF_BYTES];
        int n;
        try {
            buffered.mark(head.length);
            n = buffered.readNBytes(head, 0, head.length);
            buffered.reset();
        } catch (IOException e) {
            throw asSourceFailure(e);
        }
        Compression byMagic = Compression.detect(head, n);
        Compression byName = Compression.fromName(name);
        if (byMagic == Compression.NONE && byName != Compression.NONE && byName.isCutOffMagic(head, n)) {
            return new Opened(null, byName, RejectReasons.TRUNCATED_INPUT);
        }
        try {
            InputStream stream = switch (byMagic) {
                case GZIP -> new GZIPInputStream(buffered, BUFFER_BYTES);
                case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
                case NONE -> buffered;
            };
            return new Opened(stream, byMagic, null);
        } catch (IOException e) {
            if (SourceReadException.isSourceFailure(e)) {
                throw asSourceFailure(e);
            }
            return new Opened(null, byMagic, reasonFor(e));
        }
    }

    /** Reject reason for an exception thrown by a decompressor (not by the source). */
    static String reasonFor(IOException e) {
        if (e instanceof EOFException) {
            return RejectReasons.TRUNCATED_INPUT;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("end of") || message.contains("truncated") || message.contains("eof")) {
            return RejectReasons.TRUNCATED_INPUT;
        }
        return RejectReasons.CORRUPT_INPUT;
    }

    private static SourceReadException asSourceFailure(IOException e) {
        return e instanceof SourceReadException s ? s : new SourceReadException(SourceReadException.unwrap(e));
    }
}
