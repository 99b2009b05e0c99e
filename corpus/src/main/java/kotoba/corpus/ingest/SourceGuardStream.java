package kotoba.corpus.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Wraps the raw source so that its own I/O errors are tagged as {@link SourceReadException}. */
final class SourceGuardStream extends FilterInputStream {

    SourceGuardStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (SourceReadException e) {
            throw e;
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (SourceReadException e) {
            throw e;
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw new SourceReadException(e);
        }
    }
}
