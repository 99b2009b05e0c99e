package kotoba.corpus.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * The first bytes of the decompressed stream, read up front to recognise whole files that are not
 * UTF-8 text (binary, UTF-16), and a stream that replays them followed by the rest.
 */
final class HeadSniff {

    /** Like git and grep, judge a file by its first 8 KiB. */
    static final int HEAD_BYTES = 8 * 1024;

    private final byte[] head;
    private final int length;
    private final IOException failure;

    private HeadSniff(byte[] head, int length, IOException failure) {
        this.head = head;
        this.length = length;
        this.failure = failure;
    }

    /** Reads up to {@link #HEAD_BYTES}; a decompression error is kept and replayed after the head. */
    static HeadSniff read(InputStream in) throws SourceReadException {
        byte[] head = new byte[HEAD_BYTES];
        int n = 0;
        IOException failure = null;
        try {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            if (SourceReadException.isSourceFailure(e)) {
                throw e instanceof SourceReadException s ? s : new SourceReadException(SourceReadException.unwrap(e));
            }
            failure = e;
        }
        return new HeadSniff(head, n, failure);
    }

    byte[] bytes() {
        return head;
    }

    int length() {
        return length;
    }

    /**
     * A reason to reject the whole source, or null. A NUL byte in the head means binary (text files
     * never contain one); a UTF-16 byte-order mark means the file is text, but not UTF-8.
     */
    String wholeSourceProblem() {
        if (length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            return RejectReasons.INVALID_UTF8;
        }
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                return RejectReasons.BINARY;
            }
        }
        return null;
    }

    /** The head followed by the rest of {@code in}, or by the decompression failure met while sniffing. */
    InputStream replayThen(InputStream in) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos < length) {
                    int n = Math.min(len, length - pos);
                    System.arraycopy(head, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (failure != null) {
                    throw failure;
                }
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
