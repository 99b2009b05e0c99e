package kotoba.trainer.train;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes metrics rows to a CSV or JSON Lines file on any Hadoop file system (chosen by the {@code .csv} /
 * {@code .jsonl} extension), flushing after every row so a crashed run keeps what it logged.
 *
 * <p>Creates (overwrites) the file: a resumed run should be given a new file name.
 */
public final class MetricsFileSink implements MetricsSink {
    private final FSDataOutputStream out;
    private final boolean csv;
    private List<String> header;
    private boolean closed;

    public MetricsFileSink(String path, Configuration conf) {
        Path p = new Path(path);
        String name = p.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            csv = true;
        } else if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            csv = false;
        } else {
            throw new IllegalArgumentException("metrics file must end in .csv or .jsonl, got " + path);
        }
        try {
            FileSystem fs = p.getFileSystem(conf);
            out = fs.create(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create metrics file " + path, e);
        }
    }

    /** Column names in file order. */
    static List<String> columns(MetricsRow row) {
        List<String> cols = new ArrayList<>(List.of("run_id", "step", "tokens_seen", "flops", "params",
                "params_non_embedding", "train_loss", "val_loss", "val_perplexity", "val_bits_per_byte", "lr",
                "tokens_per_s", "wall_s"));
        cols.addAll(row.shape().keySet());
        return cols;
    }

    static List<Object> values(MetricsRow r) {
        List<Object> v = new ArrayList<>(List.of(r.runId(), r.step(), r.tokensSeen(), r.flops(), r.params(),
                r.paramsNonEmbedding(), r.trainLoss(), r.valLoss(), r.valPerplexity(), r.valBitsPerByte(), r.lr(),
                r.tokensPerS(), r.wallS()));
        v.addAll(r.shape().values());
        return v;
    }

    @Override
    public synchronized void write(MetricsRow row) {
        if (closed) {
            throw new IllegalStateException("metrics sink is closed");
        }
        List<String> cols = columns(row);
        List<Object> vals = values(row);
        StringBuilder line = new StringBuilder();
        if (csv) {
            if (header == null) {
                header = cols;
                line.append(String.join(",", cols)).append('\n');
            } else if (!header.equals(cols)) {
                throw new IllegalArgumentException("metrics columns changed within one CSV file: " + cols);
            }
            for (int i = 0; i < vals.size(); i++) {
                line.append(i == 0 ? "" : ",").append(csvValue(vals.get(i)));
            }
        } else {
            line.append('{');
            for (int i = 0; i < cols.size(); i++) {
                line.append(i == 0 ? "" : ",").append(jsonString(cols.get(i))).append(':').append(jsonValue(vals.get(i)));
            }
            line.append('}');
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            out.hflush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics row", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics file", e);
        }
    }

    private static String csvValue(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "" : Double.toString(d);
        }
        String s = String.valueOf(v);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String jsonValue(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : Double.toString(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return v == null ? "null" : jsonString(String.valueOf(v));
    }

    private static String jsonString(String s) {
        return kotoba.pipeline.text.JsonStrings.quote(new StringBuilder(), s).toString();
    }

    /** For tests and tools: the column names a row produces. */
    public static List<String> columnNames(MetricsRow row) {
        return columns(row);
    }
}
