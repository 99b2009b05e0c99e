package kotoba.trainer.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
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
            RecordReader<TokenRowMaterializer.Row> records =
                    io.getRecordReader(pages, new TokenRowMaterializer(projection));
            String fileSplit = hasSplit ? null : pathSplit(file);
            for (long r = 0; r < pages.getRowCount(); r++) {
                TokenRowMaterializer.Row row = records.read();
                if (!split.equals(hasSplit ? row.split : fileSplit)) {
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

    private TokenDoc toDoc(TokenRowMaterializer.Row row) {
        if (!row.hasTokens) {
            rejects.add("null tokens");
            return null;
        }
        if (!row.hasBytes) {
            rejects.add("null bytes");
            return null;
        }
        if (row.bytes < 0) {
            rejects.add("negative bytes");
            return null;
        }
        int n = row.count;
        // In list order: whichever comes first of a null id and an id outside the vocabulary names the rejection.
        for (int i = 0; i <= n; i++) {
            if (i == row.firstNullAt) {
                rejects.add("null token id");
                return null;
            }
            if (i < n && (row.tokens[i] < 0 || row.tokens[i] >= vocabSize)) {
                rejects.add("token id outside vocabulary");
                return null;
            }
        }
        if (row.hasNTokens && row.nTokens != n) {
            rejects.add("n_tokens disagrees with tokens");
            return null;
        }
        if (n == 0) {
            rejects.add("empty document");
            return null;
        }
        return new TokenDoc(row.id, row.tokenIds(), row.bytes);
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
