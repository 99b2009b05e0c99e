package kotoba.trainer.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads token docs (columns {@code id}, {@code split}, {@code tokens}, {@code n_tokens}, {@code bytes}) from Parquet
 * files on any Hadoop file system, one row group at a time, keeping only one split and rejecting malformed rows.
 *
 * <p>The split comes from the {@code split} column or, for output written with {@code partitionBy("split")}, from a
 * {@code split=...} directory in the path. Only the columns needed are decoded.
 */
public final class ParquetTokenDocs {
    private final List<Path> files;
    private final String split;
    private final int vocabSize;
    private final Configuration conf;
    private final RejectCounts rejects = new RejectCounts();

    /**
     * @param root      a Parquet file or a directory searched recursively for {@code *.parquet} (hidden and
     *                  {@code _}-prefixed entries skipped)
     * @param split     which split to keep ({@code train} or {@code val})
     * @param vocabSize ids must lie in [0, vocabSize); documents with other ids are rejected
     */
    public ParquetTokenDocs(String root, String split, int vocabSize, Configuration conf) {
        if (vocabSize <= 0) {
            throw new IllegalArgumentException("vocabSize must be positive, got " + vocabSize);
        }
        this.split = split;
        this.vocabSize = vocabSize;
        this.conf = conf;
        this.files = listParquet(new Path(root), conf);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .parquet files under " + root);
        }
    }

    /** The files found, sorted by path so that every reader sees the same base order. */
    public List<Path> files() {
        return files;
    }

    /** Documents refused so far, by reason. */
    public RejectCounts rejects() {
        return rejects;
    }

    /** Every row group of every file, in path then row-group order. */
    public List<RowGroupRef> rowGroups() {
        List<RowGroupRef> out = new ArrayList<>();
        for (Path file : files) {
            if (!splitMayMatch(file)) {
                continue;
            }
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
                List<BlockMetaData> groups = reader.getRowGroups();
                for (int i = 0; i < groups.size(); i++) {
                    out.add(new RowGroupRef(file.toString(), i, groups.get(i).getRowCount()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Parquet footer of " + file, e);
            }
        }
        return out;
    }

    /** Decodes one row group and hands every valid document of the chosen split to {@code sink}, in row order. */
    public void read(RowGroupRef ref, Consumer<TokenDoc> sink) {
        Path file = new Path(ref.path());
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            for (String required : List.of("tokens", "bytes")) {
                if (!fileSchema.containsField(required)) {
                    throw new IllegalArgumentException(file + " is not token docs: no column '" + required + "'");
                }
            }
            boolean hasSplit = fileSchema.containsField("split");
            if (!hasSplit && pathSplit(file) == null) {
                throw new IllegalArgumentException(file + " has no 'split' column and no split=... directory");
            }
            List<Type> wanted = new ArrayList<>();
            for (String name : List.of("id", "split", "tokens", "n_tokens", "bytes")) {
                if (fileSchema.containsField(name)) {
                    wanted.add(fileSchema.getType(name));
                }
            }
            MessageType projection = new MessageType(fileSchema.getName(), wanted);
            reader.setRequestedSchema(projection);
            PageReadStore pages = reader.readRowGroup(ref.index());
            if (pages == null) {
                throw new IllegalArgumentException(file + " has no row group " + ref.index());
            }
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, fileSchema);
            RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(projection));
            for (long r = 0; r < pages.getRowCount(); r++) {
                Group row = records.read();
                String rowSplit = hasSplit ? stringOrNull(row, "split") : pathSplit(file);
                if (!split.equals(rowSplit)) {
                    continue;
                }
                TokenDoc doc = toDoc(row);
                if (doc != null) {
                    sink.accept(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    private TokenDoc toDoc(Group row) {
        String id = stringOrNull(row, "id");
        if (row.getFieldRepetitionCount("tokens") == 0) {
            rejects.add("null tokens");
            return null;
        }
        if (row.getFieldRepetitionCount("bytes") == 0) {
            rejects.add("null bytes");
            return null;
        }
        long bytes = row.getLong("bytes", 0);
        if (bytes < 0) {
            rejects.add("negative bytes");
            return null;
        }
        Group list = row.getGroup("tokens", 0);
        int n = list.getType().getFieldCount() == 0 ? 0 : list.getFieldRepetitionCount(0);
        // Spark writes the 3-level LIST form (repeated group with one element); older writers repeat the int itself.
        boolean nested = n > 0 && !list.getType().getType(0).isPrimitive();
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            int value;
            if (nested) {
                Group element = list.getGroup(0, i);
                if (element.getFieldRepetitionCount(0) == 0) {
                    rejects.add("null token id");
                    return null;
                }
                value = element.getInteger(0, 0);
            } else {
                value = list.getInteger(0, i);
            }
            if (value < 0 || value >= vocabSize) {
                rejects.add("token id outside vocabulary");
                return null;
            }
            tokens[i] = value;
        }
        if (row.getType().containsField("n_tokens") && row.getFieldRepetitionCount("n_tokens") > 0
                && row.getInteger("n_tokens", 0) != n) {
            rejects.add("n_tokens disagrees with tokens");
            return null;
        }
        if (n == 0) {
            rejects.add("empty document");
            return null;
        }
        return new TokenDoc(id, tokens, bytes);
    }

    private static String stringOrNull(Group row, String field) {
        GroupType type = row.getType();
        if (!type.containsField(field) || row.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        return row.getString(field, 0);
    }

    private boolean splitMayMatch(Path file) {
        String fromPath = pathSplit(file);
        return fromPath == null || fromPath.equals(split);
    }

    private static String pathSplit(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("split=")) {
                return name.substring("split=".length());
            }
        }
        return null;
    }

    private static List<Path> listParquet(Path root, Configuration conf) {
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("token docs path does not exist: " + root);
            }
            FileStatus status = fs.getFileStatus(root);
            List<Path> out = new ArrayList<>();
            if (status.isFile()) {
                out.add(status.getPath());
                return out;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (f.isFile() && f.getPath().getName().endsWith(".parquet") && !hidden(root, f.getPath())) {
                    out.add(f.getPath());
                }
            }
            out.sort(Comparator.comparing(Path::toString));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean hidden(Path root, Path file) {
        String rootText = root.toUri().getPath();
        for (Path p = file; p != null && !p.toUri().getPath().equals(rootText); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
