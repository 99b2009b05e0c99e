package kotoba.trainer.train;

import kotoba.trainer.data.Cursor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Checkpoints in a directory on any Hadoop file system: {@code step-00000100/} holding {@code model.zip}
 * (ModelSerializer, with updater state) and {@code state.properties} ({@link TrainingState}).
 *
 * <p>Atomic on file systems with atomic rename (local, HDFS): everything is written into a {@code _tmp-...}
 * directory which is renamed into place last, so a crash mid-write leaves the previous checkpoint as the latest.
 * On S3A rename is a copy and not atomic; a half-copied checkpoint lacks {@code state.properties} (written
 * last) and is skipped.
 */
public final class CheckpointStore {
    private static final String MODEL = "model.zip";
    private static final String STATE = "state.properties";

    private final Path dir;
    private final Configuration conf;
    private final int keepLast;

    /** @param keepLast how many newest checkpoints to keep (older ones are deleted after a successful save); >= 1 */
    public CheckpointStore(String dir, Configuration conf, int keepLast) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keepLast must be >= 1, got " + keepLast);
        }
        this.dir = new Path(dir);
        this.conf = conf;
        this.keepLast = keepLast;
    }

    /** Writes a checkpoint for {@code state.step()}, replacing one of the same step. */
    public void save(ComputationGraph graph, TrainingState state) {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            fs.mkdirs(dir);
            Path tmp = new Path(dir, "_tmp-" + name(state.step()) + "-" + UUID.randomUUID());
            fs.mkdirs(tmp);
            try (OutputStream out = fs.create(new Path(tmp, MODEL), true)) {
                ModelSerializer.writeModel(graph, out, true);
            }
            try (FSDataOutputStream out = fs.create(new Path(tmp, STATE), true)) {
                toProperties(state).store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                        "kotoba training state");
            }
            Path target = new Path(dir, name(state.step()));
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
            prune(fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint for step " + state.step() + " under " + dir, e);
        }
    }

    /** The newest complete checkpoint's state, if any. */
    public Optional<TrainingState> latest() {
        List<Path> steps = complete();
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readState(steps.get(steps.size() - 1)));
    }

    /** Loads the network (with updater state and iteration count) saved for {@code step}. */
    public ComputationGraph loadGraph(long step) {
        Path model = new Path(new Path(dir, name(step)), MODEL);
        try (InputStream in = model.getFileSystem(conf).open(model)) {
            return ModelSerializer.restoreComputationGraph(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + model, e);
        }
    }

    /** Directory of the checkpoint for a step. */
    public String pathOf(long step) {
        return new Path(dir, name(step)).toString();
    }

    private static String name(long step) {
        return String.format("step-%08d", step);
    }

    private List<Path> complete() {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return List.of();
            }
            List<Path> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (s.isDirectory() && n.matches("step-\\d+") && fs.exists(new Path(s.getPath(), STATE))
                        && fs.exists(new Path(s.getPath(), MODEL))) {
                    out.add(s.getPath());
                }
            }
            out.sort(Comparator.comparing(Path::getName));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints under " + dir, e);
        }
    }

    private void prune(FileSystem fs) throws IOException {
        List<Path> steps = complete();
        for (int i = 0; i < steps.size() - keepLast; i++) {
            fs.delete(steps.get(i), true);
        }
    }

    private TrainingState readState(Path checkpoint) {
        Path p = new Path(checkpoint, STATE);
        Properties props = new Properties();
        try (FSDataInputStream in = p.getFileSystem(conf).open(p)) {
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return new TrainingState(props.getProperty("run_id"), Long.parseLong(props.getProperty("step")),
                    Cursor.parse(props.getProperty("cursor")), Long.parseLong(props.getProperty("tokens_seen")),
                    Double.parseDouble(props.getProperty("wall_s")), Long.parseLong(props.getProperty("seed")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt checkpoint state " + p + ": " + e.getMessage(), e);
        }
    }

    private static Properties toProperties(TrainingState s) {
        Properties p = new Properties();
        p.setProperty("run_id", String.valueOf(s.runId()));
        p.setProperty("step", Long.toString(s.step()));
        p.setProperty("cursor", s.cursor().toString());
        p.setProperty("tokens_seen", Long.toString(s.tokensSeen()));
        p.setProperty("wall_s", Double.toString(s.wallSeconds()));
        p.setProperty("seed", Long.toString(s.seed()));
        return p;
    }
}
