package kotoba.corpus.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream at newlines (or not at all, for whole-file records) while holding at most
 * {@code maxBytes} of any one chunk in memory: the tail of an oversized chunk is read and discarded.
 */
final class LineScanner {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final boolean splitLines;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;
    /** Offset in the decompressed stream of {@code buffer[pos]}. */
    private long streamOffset;
    private boolean finished;
    private boolean emittedAny;

    LineScanner(InputStream in, long maxBytes, boolean splitLines) {
        this.in = in;
        this.maxBytes = (int) maxBytes;
        this.splitLines = splitLines;
    }

    /**
     * The next chunk, or null at the end. Source I/O errors propagate as {@link SourceReadException};
     * decompression errors end the stream with a chunk whose {@code failure} is set.
     */
    ScannedLine next() throws SourceReadException {
        if (finished) {
            return null;
        }
        long start = streamOffset;
        byte[] kept = new byte[Math.min(maxBytes, 256)];
        int keptLength = 0;
        long length = 0;
        boolean overflow = false;
        while (true) {
            if (pos == limit) {
                String failure = fill();
                if (failure != null || limit < 0) {
                    finished = true;
                    limit = 0;
                    pos = 0;
                    boolean nothingLeft = length == 0 && failure == null && (splitLines || emittedAny);
                    if (nothingLeft) {
                        return null;
                    }
                    emittedAny = true;
                    return new ScannedLine(start, Arrays.copyOf(kept, keptLength), length, overflow, failure);
                }
            }
            int end = splitLines ? indexOfNewline(pos, limit) : -1;
            int stop = end < 0 ? limit : end;
            int n = stop - pos;
            if (!overflow) {
                if (length + n > maxBytes) {
                    overflow = true;
                    int take = (int) Math.max(0, Math.min(n, Samples.SAMPLE_BYTES - keptLength));
                    kept = ensure(kept, keptLength + take);
                    System.arraycopy(buffer, pos, kept, keptLength, take);
                    keptLength += take;
                    kept = Arrays.copyOf(kept, Math.min(keptLength, Samples.SAMPLE_BYTES));
                    keptLength = kept.length;
                } else {
                    kept = ensure(kept, keptLength + n);
                    System.arraycopy(buffer, pos, kept, keptLength, n);
                    keptLength += n;
                }
            }
            length += n;
            streamOffset += n;
            pos = stop;
            if (end >= 0) {
                pos++;
                streamOffset++;
                emittedAny = true;
                return new ScannedLine(start, Arrays.copyOf(kept, keptLength), length, overflow, null);
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Refills the buffer; returns a failure reason if the decompressor broke, sets limit -1 at clean EOF. */
    private String fill() throws SourceReadException {
        try {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            pos = 0;
            limit = n;
            return null;
        } catch (IOException e) {
            if (SourceReadException.isSourceFailure(e)) {
                throw e instanceof SourceReadException s ? s : new SourceReadException(SourceReadException.unwrap(e));
            }
            return Decompression.reasonFor(e);
        }
    }

    /** Grows geometrically but never past the record cap, so one record costs at most maxBytes. */
    private byte[] ensure(byte[] array, int needed) {
        if (needed <= array.length) {
            return array;
        }
        int grown = (int) Math.max(needed, Math.min(maxBytes, (long) array.length * 2));
        return Arrays.copyOf(array, grown);
    }
}
