package kotoba.corpus.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import kotoba.corpus.DocumentProcessor;
import kotoba.corpus.RecordOutcome;
import kotoba.corpus.ingest.IngestConfig;
import kotoba.corpus.ingest.IngestOutcome;
import kotoba.corpus.ingest.RawRecord;
import kotoba.corpus.ingest.ReadTasks;
import kotoba.corpus.ingest.RecordReader;
import kotoba.corpus.ingest.Reject;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads line-oriented inputs (text, JSONL, europarl) on the executors: each file whole in one task, streamed through
 * the ingest readers and the document processor, so no file is ever held whole in memory.
 */
final class FileIngest {
  /** Reason for a file that cannot even be opened or read to the end (permissions, vanished, I/O error). */
  static final String UNREADABLE = "unreadable_file";

  private FileIngest() {}

  /**
   * Reading is one task per group of files ({@link ReadTasks}: a gzip stream cannot be split, small files are packed
   * together), but processing is not: records are spread over {@code parallelism} partitions first, so one large file
   * does not leave every core but one idle.
   */
  static JavaRDD<RecordOutcome> read(JavaSparkContext jsc, List<ReadTasks.InputFile> files, IngestConfig ingest,
      String source, DocumentProcessor processor, HadoopConf hadoop, int parallelism) {
    List<List<String>> tasks = ReadTasks.pack(files);
    JavaRDD<RecordOutcome> raw = jsc.parallelize(tasks, Math.max(1, tasks.size()))
        .mapPartitions(groups -> {
          List<String> paths = new ArrayList<>();
          groups.forEachRemaining(paths::addAll);
          return concat(paths, path -> readFile(path, ingest, source, hadoop));
        });
    return raw.repartition(parallelism)
        .map(o -> o.status() == RecordOutcome.Status.KEPT
            ? processor.process(o.source(), o.file(), o.offset(), o.text()) : o);
  }

  /** A file's records, unprocessed: readable ones as KEPT with their raw text, the rest rejected. */
  private static Iterator<RecordOutcome> readFile(String file, IngestConfig ingest, String source, HadoopConf hadoop) {
    InputStream in;
    try {
      Path p = new Path(file);
      in = p.getFileSystem(hadoop.get()).open(p);
    } catch (IOException e) {
      return List.of(RecordOutcome.rejected(source, file, 0, UNREADABLE, file + ": " + e)).iterator();
    }
    RecordReader reader = RecordReader.open(file, in, ingest);
    return new Iterator<>() {
      private boolean failed;
      private long lastOffset;

      @Override
      public boolean hasNext() {
        if (pending != null) return true;
        if (failed) return false;
        try {
          boolean more = reader.hasNext();
          if (!more) reader.close();
          return more;
        } catch (UncheckedIOException | IOException e) {
          failed = true;
          pending = RecordOutcome.rejected(source, file, lastOffset, UNREADABLE, file + ": " + e.getMessage());
          return true;
        }
      }

      private RecordOutcome pending;

      @Override
      public RecordOutcome next() {
        if (pending != null) {
          RecordOutcome p = pending;
          pending = null;
          return p;
        }
        IngestOutcome o = reader.next();
        lastOffset = o.offset();
        if (o instanceof RawRecord r) return RecordOutcome.kept(source, file, r.offset(), null, r.text(), null);
        Reject j = (Reject) o;
        return RecordOutcome.rejected(source, file, j.offset(), j.reason(), j.sample());
      }
    };
  }

  /** The records of each file in turn; a file is opened only when the one before it is done. */
  private static <T> Iterator<T> concat(List<String> files, Function<String, Iterator<T>> open) {
    return new Iterator<>() {
      private int next;
      private Iterator<T> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && next < files.size()) current = open.apply(files.get(next++));
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) throw new java.util.NoSuchElementException();
        return current.next();
      }
    };
  }
}
