package kotoba.trainer.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes small token docs Parquet files in the layout Spark uses (3-level LIST for {@code tokens}). */
public final class TokenDocsFixture {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              optional binary id (STRING);
              optional binary split (STRING);
              optional group tokens (LIST) { repeated group list { optional int32 element; } }
              optional int32 n_tokens;
              optional int64 bytes;
            }""");

    /** One row; {@code nTokens} may disagree with {@code tokens} to build bad rows. */
    public record Row(String id, String split, int[] tokens, int nTokens, long bytes) {
        public static Row of(String id, String split, int[] tokens, long bytes) {
            return new Row(id, split, tokens, tokens.length, bytes);
        }
    }

    private TokenDocsFixture() {
    }

    /** Writes each list of rows as its own file {@code part-N.parquet} under {@code dir}. */
    public static void write(java.nio.file.Path dir, List<List<Row>> files) throws IOException {
        Files.createDirectories(dir);
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        for (int f = 0; f < files.size(); f++) {
            Path path = new Path(dir.resolve(String.format("part-%05d.parquet", f)).toUri());
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path)
                    .withConf(new Configuration()).withType(SCHEMA).build()) {
                for (Row row : files.get(f)) {
                    Group g = factory.newGroup().append("id", row.id()).append("split", row.split());
                    Group list = g.addGroup("tokens");
                    for (int t : row.tokens()) {
                        list.addGroup("list").append("element", t);
                    }
                    g.append("n_tokens", row.nTokens()).append("bytes", row.bytes());
                    writer.write(g);
                }
            }
        }
    }

    /**
     * {@code nFiles} files of {@code docsPerFile} train docs with random lengths in [1, maxLen]; every token id is
     * unique across the corpus (1..), so a test can tell exactly which occurrence it saw. Bytes = 3 per token.
     */
    public static List<List<Row>> uniqueTokenCorpus(int nFiles, int docsPerFile, int maxLen, long seed) {
        Random rng = new Random(seed);
        int next = 1;
        List<List<Row>> files = new ArrayList<>();
        for (int f = 0; f < nFiles; f++) {
            List<Row> rows = new ArrayList<>();
            for (int d = 0; d < docsPerFile; d++) {
                int len = 1 + rng.nextInt(maxLen);
                int[] tokens = new int[len];
                for (int i = 0; i < len; i++) {
                    tokens[i] = next++;
                }
                rows.add(Row.of("f" + f + "d" + d, "train", tokens, 3L * len));
            }
            files.add(rows);
        }
        return files;
    }

    /** Writes to a fresh temp directory under {@code parent}. */
    public static String writeTemp(java.nio.file.Path parent, String name, List<List<Row>> files) throws IOException {
        java.nio.file.Path dir = Paths.get(parent.toString(), name);
        write(dir, files);
        return dir.toString();
    }
}
