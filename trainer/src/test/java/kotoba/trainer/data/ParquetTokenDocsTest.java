package kotoba.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTokenDocsTest {
    @TempDir
    Path tmp;

    /** Writes rows built by hand (nulls included) with {@code schema} to one file and reads its {@code split}. */
    private static List<TokenDoc> read(Path file, MessageType schema, String split, ParquetTokenDocs[] docsOut,
                                       List<Consumer<Group>> rows) throws Exception {
        write(file, schema, rows);
        ParquetTokenDocs docs = new ParquetTokenDocs(file.toString(), split, 10, new Configuration());
        docsOut[0] = docs;
        return readAll(docs);
    }

    private static void write(Path file, MessageType schema, List<Consumer<Group>> rows) throws Exception {
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).withType(schema).build()) {
            for (Consumer<Group> row : rows) {
                Group g = factory.newGroup();
                row.accept(g);
                writer.write(g);
            }
        }
    }

    private static List<TokenDoc> readAll(ParquetTokenDocs docs) {
        List<TokenDoc> out = new ArrayList<>();
        for (RowGroupRef ref : docs.rowGroups()) {
            docs.read(ref, out::add);
        }
        return out;
    }

    private static Consumer<Group> row(String id, String split, Integer[] tokens, Long bytes) {
        return g -> {
            g.append("id", id).append("split", split);
            if (tokens != null) {
                Group list = g.addGroup("tokens");
                for (Integer t : tokens) {
                    Group element = list.addGroup("list");
                    if (t != null) {
                        element.append("element", t);
                    }
                }
            }
            if (bytes != null) {
                g.append("bytes", bytes);
            }
        };
    }

    @Test
    void nullsAreRejectedWithTheirReasonsAndTheOtherSplitIsSkipped() throws Exception {
        ParquetTokenDocs[] docs = new ParquetTokenDocs[1];
        List<TokenDoc> kept = read(tmp.resolve("nulls.parquet"), TokenDocsFixture.SCHEMA, "val", docs, List.of(
                row("ok", "val", new Integer[] {2, 3}, 7L),
                row("no-tokens", "val", null, 7L),
                row("no-bytes", "val", new Integer[] {2}, null),
                row("null-id", "val", new Integer[] {2, null, 3}, 7L),
                row("null-then-big", "val", new Integer[] {null, 99}, 7L),
                row("big-then-null", "val", new Integer[] {99, null}, 7L),
                row("negative", "val", new Integer[] {2}, -1L),
                row("train-doc", "train", new Integer[] {4, 5, 6}, 9L),
                row("ok2", "val", new Integer[] {9}, 1L)));
        assertEquals(List.of("ok", "ok2"), kept.stream().map(TokenDoc::id).toList());
        assertArrayEquals(new int[] {2, 3}, kept.get(0).tokens());
        assertEquals(7L, kept.get(0).bytes());
        assertArrayEquals(new int[] {9}, kept.get(1).tokens());
        var rejects = docs[0].rejects().snapshot();
        assertEquals(1L, rejects.get("null tokens"));
        assertEquals(1L, rejects.get("null bytes"));
        assertEquals(2L, rejects.get("null token id"));
        assertEquals(1L, rejects.get("token id outside vocabulary"));
        assertEquals(1L, rejects.get("negative bytes"));
        assertEquals(6, docs[0].rejects().total());
    }

    @Test
    void theTwoLevelListFormOfOlderWritersReadsLikeSparksForm() throws Exception {
        MessageType twoLevel = MessageTypeParser.parseMessageType("""
                message m {
                  optional binary id (STRING);
                  optional binary split (STRING);
                  optional group tokens (LIST) { repeated int32 array; }
                  optional int64 bytes;
                }""");
        ParquetTokenDocs[] docs = new ParquetTokenDocs[1];
        List<TokenDoc> kept = read(tmp.resolve("two.parquet"), twoLevel, "train", docs, List.of(
                g -> {
                    g.append("id", "a").append("split", "train").append("bytes", 5L);
                    g.addGroup("tokens").append("array", 1).append("array", 8);
                },
                g -> {
                    g.append("id", "empty").append("split", "train").append("bytes", 5L);
                    g.addGroup("tokens");
                }));
        assertEquals(1, kept.size());
        assertArrayEquals(new int[] {1, 8}, kept.get(0).tokens());
        assertEquals(1L, docs[0].rejects().snapshot().get("empty document"));
    }

    @Test
    void aSplitDirectoryIsReadWithoutOpeningTheOtherSplitsFiles() throws Exception {
        // The tokenize stage's layout: data/split=train/*.parquet, data/split=val/*.parquet, no split column.
        MessageType noSplit = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  optional binary id (STRING);
                  optional group tokens (LIST) { repeated group list { optional int32 element; } }
                  optional int32 n_tokens;
                  optional int64 bytes;
                }""");
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("split=val"));
        write(data.resolve("split=val/part-00000.parquet"), noSplit, List.of(
                g -> {
                    g.append("id", "v").append("bytes", 4L);
                    g.addGroup("tokens").addGroup("list").append("element", 3);
                }));
        // A train file a val reader would fail on, had it opened it.
        Files.createDirectories(data.resolve("split=train"));
        Files.writeString(data.resolve("split=train/part-00000.parquet"), "not parquet");

        ParquetTokenDocs val = new ParquetTokenDocs(data.toString(), "val", 10, new Configuration());
        assertEquals(1, val.rowGroups().size());
        List<TokenDoc> kept = readAll(val);
        assertEquals(List.of("v"), kept.stream().map(TokenDoc::id).toList());
        assertArrayEquals(new int[] {3}, kept.get(0).tokens());
    }
}
