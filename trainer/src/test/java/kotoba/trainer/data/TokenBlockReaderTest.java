package kotoba.trainer.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TokenBlockReaderTest {
    static final int EOS = 0;
    static final int VOCAB = 100_000;
    static final int T = 7;

    @TempDir
    static Path tmp;
    static String corpus;
    static List<List<TokenDocsFixture.Row>> rows;

    @BeforeAll
    static void writeCorpus() throws Exception {
        rows = TokenDocsFixture.uniqueTokenCorpus(4, 25, 12, 42);
        corpus = TokenDocsFixture.writeTemp(tmp, "docs", rows);
    }

    /** Blocks in packing order (no block shuffle), so the stream of documents can be checked. */
    static TokenBlockReader reader(long seed, Cursor start) {
        return reader(seed, 0, start);
    }

    static TokenBlockReader reader(long seed, int bufferBlocks, Cursor start) {
        return new TokenBlockReader(new ParquetTokenDocs(corpus, "train", VOCAB, new Configuration()), T, EOS, seed, 8,
                bufferBlocks, start);
    }

    @Test
    void blockShuffleMixesBlocksFromAcrossTheStreamAndResumesExactly() {
        List<int[]> ordered = blocks(reader(9, 0, Cursor.START), 40, 4);
        TokenBlockReader shuffled = reader(9, 16, Cursor.START);
        List<int[]> mixed = blocks(shuffled, 30, 4);
        // Every shuffled block comes from the packed stream, at most `buffer` blocks ahead of its position.
        List<List<Integer>> pool = new ArrayList<>();
        for (int[] b : ordered.subList(0, 120 + 16)) pool.add(Arrays.stream(b).boxed().toList());
        int moved = 0;
        for (int i = 0; i < mixed.size(); i++) {
            List<Integer> b = Arrays.stream(mixed.get(i)).boxed().toList();
            assertTrue(pool.remove(b), "block " + i + " is not one of the packed blocks");
            if (!b.equals(Arrays.stream(ordered.get(i)).boxed().toList())) moved++;
        }
        assertTrue(moved > mixed.size() / 2, "blocks are reordered: " + moved);
        Cursor at = shuffled.cursor();
        List<int[]> straightOn = blocks(shuffled, 5, 4);
        List<int[]> resumed = blocks(reader(9, 16, Cursor.parse(at.toString())), 5, 4);
        for (int i = 0; i < straightOn.size(); i++) assertArrayEquals(straightOn.get(i), resumed.get(i));
    }

    static List<int[]> blocks(TokenBlockReader r, int batches, int size) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            r.nextBatch(size).blocks().forEach(b -> out.add(b.tokens()));
        }
        return out;
    }

    static long epochLength() {
        return rows.stream().flatMap(List::stream).mapToLong(r -> r.tokens().length + 1).sum();
    }

    @Test
    void sameSeedGivesSameBatches() {
        List<int[]> a = blocks(reader(7, Cursor.START), 10, 4);
        List<int[]> b = blocks(reader(7, Cursor.START), 10, 4);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "block " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        List<int[]> a = blocks(reader(7, Cursor.START), 5, 4);
        List<int[]> b = blocks(reader(8, Cursor.START), 5, 4);
        boolean differ = false;
        for (int i = 0; i < a.size(); i++) {
            differ |= !Arrays.equals(a.get(i), b.get(i));
        }
        assertTrue(differ);
    }

    @Test
    void everyDocumentAppearsExactlyOncePerEpochSeparatedByEos() {
        TokenBlockReader r = reader(3, Cursor.START);
        long len = epochLength();
        List<Integer> stream = new ArrayList<>();
        List<Integer> epoch2 = new ArrayList<>();
        while (stream.size() < 2 * len + T + 1) {
            for (PackedBlock b : r.nextBatch(1).blocks()) {
                for (int t : b.tokens()) {
                    stream.add(t);
                }
            }
        }
        // Every document of the corpus is one eos-terminated run in the first epoch's stream, and in the second's.
        Set<List<Integer>> expected = new HashSet<>();
        rows.stream().flatMap(List::stream).forEach(row -> expected.add(Arrays.stream(row.tokens()).boxed().toList()));
        for (int e = 0; e < 2; e++) {
            List<Integer> epoch = stream.subList((int) (e * len), (int) ((e + 1) * len));
            assertEquals(EOS, epoch.get(epoch.size() - 1));
            Set<List<Integer>> seen = new HashSet<>();
            List<Integer> current = new ArrayList<>();
            for (int t : epoch) {
                if (t == EOS) {
                    assertTrue(seen.add(List.copyOf(current)), "document seen twice in epoch " + e);
                    current.clear();
                } else {
                    current.add(t);
                }
            }
            assertEquals(expected, seen, "epoch " + e);
            if (e == 1) {
                epoch2.addAll(epoch);
            }
        }
        assertNotEquals(stream.subList(0, (int) len), epoch2, "epochs should be shuffled differently");
    }

    @Test
    void resumingFromACursorContinuesExactly() {
        TokenBlockReader straight = reader(11, Cursor.START);
        // Enough batches to cross an epoch boundary after the checkpoint.
        int before = (int) (epochLength() / (T + 1) / 3) * 2;
        blocks(straight, before, 3);
        Cursor checkpoint = straight.cursor();
        List<int[]> expected = blocks(straight, before, 3);
        assertTrue(straight.cursor().epoch() >= 1, "test should cross an epoch boundary");

        TokenBlockReader resumed = reader(11, Cursor.parse(checkpoint.toString()));
        List<int[]> actual = blocks(resumed, before, 3);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "block " + i + " after resume");
        }
        assertEquals(straight.cursor(), resumed.cursor());
    }

    @Test
    void targetBytesSpreadDocumentBytesOverTokens() {
        // In one epoch every token of the corpus is a target once, except the very first token of the stream.
        TokenBlockReader r = reader(5, Cursor.START);
        double bytes = 0;
        long len = epochLength();
        long seen = 0;
        int first = -1;
        while (seen + T + 1 <= len) {
            PackedBlock b = r.nextBatch(1).blocks().get(0);
            if (first < 0) {
                first = b.tokens()[0];
            }
            bytes += b.targetBytes();
            seen += T + 1;
        }
        // Fixture docs have 3 bytes per token; blocks drop the first token of each block as a target.
        long targetsNonEos = 0;
        r = reader(5, Cursor.START);
        for (long s = 0; s + T + 1 <= len; s += T + 1) {
            int[] tokens = r.nextBatch(1).blocks().get(0).tokens();
            for (int i = 1; i < tokens.length; i++) {
                if (tokens[i] != EOS) {
                    targetsNonEos++;
                }
            }
        }
        assertEquals(3.0 * targetsNonEos, bytes, 1e-6);
    }

    @Test
    void cursorTextRejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("3"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("a:b"));
        assertThrows(IllegalArgumentException.class, () -> Cursor.parse("-1:0"));
    }
}
