package kotoba.corpus.ingest;

import java.util.Arrays;

/** Joins the non-blank lines between blank lines into one chunk, under the same byte cap as a line. */
final class ParagraphAssembler {

    private final LineScanner lines;
    private final int maxBytes;

    ParagraphAssembler(LineScanner lines, long maxBytes) {
        this.lines = lines;
        this.maxBytes = (int) maxBytes;
    }

    /** The next paragraph as a chunk (lines joined by a newline, carriage returns dropped), or null. */
    ScannedLine next() throws SourceReadException {
        long start = -1;
        byte[] kept = new byte[0];
        int keptLength = 0;
        long length = 0;
        boolean overflow = false;
        while (true) {
            ScannedLine line = lines.next();
            if (line == null) {
                return start < 0 ? null : chunk(start, kept, keptLength, length, overflow, null);
            }
            boolean partial = line.failure() != null;
            if (!partial && line.isBlank()) {
                if (start >= 0) {
                    return chunk(start, kept, keptLength, length, overflow, null);
                }
                continue;
            }
            if (start < 0) {
                start = line.offset();
            } else {
                length += 1;
                if (!overflow && keptLength < maxBytes) {
                    kept = ensure(kept, keptLength + 1);
                    kept[keptLength++] = '\n';
                }
            }
            byte[] bytes = line.bytes();
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\r' && !line.overflow()) {
                n--;
            }
            length += line.overflow() ? line.length() : n;
            if (!overflow && (line.overflow() || length > maxBytes)) {
                overflow = true;
            }
            int room = overflow ? Samples.SAMPLE_BYTES - keptLength : n;
            int take = Math.max(0, Math.min(n, room));
            kept = ensure(kept, keptLength + take);
            System.arraycopy(bytes, 0, kept, keptLength, take);
            keptLength += take;
            if (partial) {
                return chunk(start, kept, keptLength, length, overflow, line.failure());
            }
        }
    }

    private static ScannedLine chunk(long start, byte[] kept, int keptLength, long length, boolean overflow,
                                     String failure) {
        return new ScannedLine(start, Arrays.copyOf(kept, keptLength), length, overflow, failure);
    }

    private byte[] ensure(byte[] array, int needed) {
        if (needed <= array.length) {
            return array;
        }
        int grown = (int) Math.max(needed, Math.min(maxBytes + 1L, Math.max(256L, array.length * 2L)));
        return Arrays.copyOf(array, grown);
    }
}
