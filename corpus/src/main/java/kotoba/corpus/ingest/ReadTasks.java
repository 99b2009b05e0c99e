package kotoba.corpus.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups input files into read tasks of about {@link #TARGET_BYTES} each, in listing order, the way Spark packs file
 * splits: a directory of small files is read a few dozen files to a task instead of one per task, and a file larger
 * than the target gets a task of its own. Each file also counts {@link #OPEN_COST_BYTES}, so a task never opens more
 * than {@code TARGET_BYTES / OPEN_COST_BYTES} files however small they are.
 *
 * <p>Why: one task per file cost about 10 ms of scheduling each; the 1,148 man pages of the embedded default took 12 s
 * to read on 2 cores that way, for well under a second of actual reading.
 */
public final class ReadTasks {
  /** Bytes (compressed, as listed) a read task aims at: Spark's spark.sql.files.maxPartitionBytes. */
  public static final long TARGET_BYTES = 128L << 20;
  /** What opening a file counts as, in bytes: Spark's spark.sql.files.openCostInBytes. */
  public static final long OPEN_COST_BYTES = 4L << 20;

  /** A listed input file and its size in bytes. */
  public record InputFile(String path, long bytes) implements Serializable {}

  private ReadTasks() {}

  /** The files' paths in groups, one group per read task, every file exactly once and in the given order. */
  public static List<List<String>> pack(List<InputFile> files) {
    List<List<String>> tasks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long size = 0;
    for (InputFile f : files) {
      long cost = Math.max(0, f.bytes()) + OPEN_COST_BYTES;
      if (!current.isEmpty() && size + cost > TARGET_BYTES) {
        tasks.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(f.path());
      size += cost;
    }
    if (!current.isEmpty()) tasks.add(current);
    return tasks;
  }
}
