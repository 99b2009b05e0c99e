package kotoba.corpus.ingest;

import java.io.IOException;

/**
 * Marks an I/O failure of the underlying source (disk, network) as opposed to bad compressed data, so
 * the reader can let the former propagate (Spark retries the task) and turn the latter into a reject.
 */
final class SourceReadException extends IOException {

    SourceReadException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** True if {@code e} or one of its causes came from the source itself. */
    static boolean isSourceFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException) {
                return true;
            }
        }
        return false;
    }

    /** The original source exception behind {@code e}, unwrapped. */
    static IOException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceReadException s) {
                return (IOException) s.getCause();
            }
        }
        return e instanceof IOException io ? io : new IOException(e);
    }
}
