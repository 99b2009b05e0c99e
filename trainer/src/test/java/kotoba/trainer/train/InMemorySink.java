package kotoba.trainer.train;

import java.util.ArrayList;
import java.util.List;

/** Keeps rows in a list, for tests. */
final class InMemorySink implements MetricsSink {
    final List<MetricsRow> rows = new ArrayList<>();

    @Override
    public void write(MetricsRow row) {
        rows.add(row);
    }

    @Override
    public void close() {
    }
}
