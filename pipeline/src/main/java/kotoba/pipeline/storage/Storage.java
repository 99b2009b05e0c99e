package kotoba.pipeline.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import kotoba.pipeline.config.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Paths on any Hadoop file system (local, HDFS, S3A): globbing, small-file reads and atomic small-file writes.
 * Bulk data never goes through here; Spark reads and writes it. This is for manifests, checkpoints and listings.
 */
public final class Storage {
  private final Configuration hadoop;

  public Storage(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  /** A Storage with the default Hadoop configuration, usable before Spark starts. */
  public static Storage local() {
    return new Storage(new Configuration());
  }

  /**
   * A Storage that sees the file systems as Spark will: the `spark.hadoop.*` entries of the Spark config (S3A
   * credentials, HDFS name nodes) applied, so input checks before Spark starts reach the same places.
   */
  public static Storage forSpark(java.util.Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    sparkConf.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) conf.set(k.substring("spark.hadoop.".length()), v);
    });
    return new Storage(conf);
  }

  public Configuration hadoop() {
    return hadoop;
  }

  public FileSystem fs(String path) {
    try {
      return new Path(path).getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach file system of " + path, e);
    }
  }

  public boolean exists(String path) {
    try {
      return fs(path).exists(new Path(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Expands a file, directory or glob into the files below it, sorted by path so that every run sees the same order.
   * Hidden files (starting with '_' or '.') are skipped, as Hadoop's input formats do. A pattern that matches
   * nothing is a {@link ConfigError}: a typo in an input path must stop the job before any work starts.
   */
  public List<FileStatus> listFiles(String pattern) {
    try {
      FileSystem fs = fs(pattern);
      FileStatus[] matched = fs.globStatus(new Path(pattern));
      if (matched == null || matched.length == 0) throw new ConfigError("input not found: " + pattern);
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus st : matched) collect(fs, st, out);
      out.sort(Comparator.comparing(s -> s.getPath().toString()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + pattern, e);
    }
  }

  private static void collect(FileSystem fs, FileStatus st, List<FileStatus> out) throws IOException {
    String name = st.getPath().getName();
    if (name.startsWith("_") || name.startsWith(".")) return;
    if (st.isDirectory()) {
      FileStatus[] children = fs.listStatus(st.getPath());
      Arrays.sort(children, Comparator.comparing(s -> s.getPath().toString()));
      for (FileStatus c : children) collect(fs, c, out);
    } else {
      out.add(st);
    }
  }

  public byte[] readBytes(String path) {
    try (InputStream in = fs(path).open(new Path(path))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public String readString(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  /** Writes to a temporary sibling and renames it into place, so readers never see a half-written file. */
  public void writeAtomically(String path, byte[] content) {
    Path target = new Path(path);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + System.nanoTime());
    try {
      FileSystem fs = fs(path);
      fs.mkdirs(target.getParent());
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(content);
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) throw new IOException("rename " + tmp + " -> " + target + " failed");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Deletes every file or directory matching a glob; nothing matching is fine. */
  public void deleteMatching(String glob) {
    try {
      FileSystem fs = fs(glob);
      FileStatus[] matched = fs.globStatus(new Path(glob));
      if (matched == null) return;
      for (FileStatus st : matched) fs.delete(st.getPath(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + glob, e);
    }
  }

  /**
   * Moves every file or directory matching a glob into {@code dir} (created when something matches), keeping their
   * names; returns how many it moved.
   */
  public int moveMatching(String glob, String dir) {
    try {
      FileSystem fs = fs(glob);
      FileStatus[] matched = fs.globStatus(new Path(glob));
      if (matched == null || matched.length == 0) return 0;
      Path to = new Path(dir);
      fs.mkdirs(to);
      for (FileStatus st : matched) {
        if (!fs.rename(st.getPath(), new Path(to, st.getPath().getName()))) {
          throw new IOException("rename of " + st.getPath() + " into " + to + " failed");
        }
      }
      return matched.length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + glob + " to " + dir, e);
    }
  }

  public void delete(String path) {
    try {
      fs(path).delete(new Path(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /** Fully qualified form (with scheme) of a path, so manifests say where data really was. */
  public String qualify(String path) {
    FileSystem fs = fs(path);
    URI uri = fs.makeQualified(new Path(path)).toUri();
    return uri.toString();
  }

  public static String child(String dir, String name) {
    return new Path(dir, name).toString();
  }
}
