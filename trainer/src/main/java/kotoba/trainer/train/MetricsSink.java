package kotoba.trainer.train;

import java.io.Closeable;

/** Where per-step metrics rows go (file, Parquet, memory). Implementations must not lose rows written before close. */
public interface MetricsSink extends Closeable {
    /** Records one row. */
    void write(MetricsRow row);

    /** Flushes and releases resources; no exception for an already-closed sink. */
    @Override
    void close();
}
