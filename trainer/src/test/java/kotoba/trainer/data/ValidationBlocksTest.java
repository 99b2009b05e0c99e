package kotoba.trainer.data;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ValidationBlocksTest {
    @TempDir
    Path tmp;

    @Test
    void packsValDocsInFileOrderWithEosBetweenAndCapsBlocks() throws Exception {
        String dir = TokenDocsFixture.writeTemp(tmp, "docs", List.of(
                List.of(TokenDocsFixture.Row.of("a", "val", new int[]{5, 6, 7}, 6),
                        TokenDocsFixture.Row.of("x", "train", new int[]{9, 9, 9, 9}, 8)),
                List.of(TokenDocsFixture.Row.of("b", "val", new int[]{8, 3}, 10),
                        TokenDocsFixture.Row.of("c", "val", new int[]{4, 4, 4, 4, 4}, 5))));
        ParquetTokenDocs val = new ParquetTokenDocs(dir, "val", 50, new Configuration());
        List<PackedBlock> blocks = ValidationBlocks.load(val, 3, 1, 10);
        // Stream: 5 6 7 </s> 8 3 </s> 4 4 4 4 4 </s> = 13 tokens -> 3 blocks of 4, last token unused.
        assertEquals(3, blocks.size());
        assertArrayEquals(new int[]{5, 6, 7, 1}, blocks.get(0).tokens());
        assertArrayEquals(new int[]{8, 3, 1, 4}, blocks.get(1).tokens());
        assertArrayEquals(new int[]{4, 4, 4, 4}, blocks.get(2).tokens());
        // Targets of block 0: 6, 7 (2 bytes each of doc a) and </s> (0 bytes).
        assertEquals(4.0, blocks.get(0).targetBytes(), 1e-9);
        // Block 1 targets: 3 (5 bytes of doc b), </s>, 4 (1 byte of doc c).
        assertEquals(6.0, blocks.get(1).targetBytes(), 1e-9);

        assertEquals(2, ValidationBlocks.load(val, 3, 1, 2).size());
        List<TokenBatch> batches = ValidationBlocks.batches(blocks, 2);
        assertEquals(2, batches.size());
        assertEquals(1, batches.get(1).size());
    }

    @Test
    void aCappedValidationSetIsSampledFromTheWholeSplitNotItsFirstBlocks() throws Exception {
        List<TokenDocsFixture.Row> docs = new java.util.ArrayList<>();
        for (int d = 0; d < 40; d++) {
            int[] tokens = new int[15];
            java.util.Arrays.fill(tokens, 2 + d); // every block names its document
            docs.add(TokenDocsFixture.Row.of("d" + (100 + d), "val", tokens, 15));
        }
        String dir = TokenDocsFixture.writeTemp(tmp, "many", List.of(docs));
        ParquetTokenDocs val = new ParquetTokenDocs(dir, "val", 50, new Configuration());
        List<PackedBlock> sample = ValidationBlocks.load(val, 7, 1, 8); // 40 docs x 16 tokens = 80 blocks of 8
        assertEquals(8, sample.size());
        java.util.Set<Integer> docsSeen = new java.util.HashSet<>();
        for (PackedBlock b : sample) docsSeen.add(b.tokens()[0]);
        assertTrue(docsSeen.stream().anyMatch(t -> t >= 2 + 20), "the sample reaches the second half: " + docsSeen);
        assertTrue(docsSeen.size() >= 5, "the sample spans many documents: " + docsSeen);
        List<PackedBlock> again = ValidationBlocks.load(val, 7, 1, 8);
        for (int i = 0; i < sample.size(); i++) assertArrayEquals(sample.get(i).tokens(), again.get(i).tokens());
    }

    @Test
    void malformedDocsAreRejectedWithReasonsAndSkipped() throws Exception {
        String dir = TokenDocsFixture.writeTemp(tmp, "bad", List.of(List.of(
                TokenDocsFixture.Row.of("ok", "val", new int[]{2, 3}, 2),
                TokenDocsFixture.Row.of("big", "val", new int[]{2, 99}, 2),
                new TokenDocsFixture.Row("lies", "val", new int[]{2, 3}, 5, 2),
                TokenDocsFixture.Row.of("empty", "val", new int[0], 0),
                TokenDocsFixture.Row.of("ok2", "val", new int[]{4}, 2))));
        ParquetTokenDocs val = new ParquetTokenDocs(dir, "val", 10, new Configuration());
        List<PackedBlock> blocks = ValidationBlocks.load(val, 4, 1, 10);
        assertEquals(1, blocks.size());
        assertArrayEquals(new int[]{2, 3, 1, 4, 1}, blocks.get(0).tokens());
        assertEquals(3, val.rejects().total());
        assertEquals(1L, val.rejects().snapshot().get("token id outside vocabulary"));
        assertEquals(1L, val.rejects().snapshot().get("n_tokens disagrees with tokens"));
        assertEquals(1L, val.rejects().snapshot().get("empty document"));
    }

    @Test
    void missingPathIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParquetTokenDocs(tmp.resolve("nope").toString(), "val", 10, new Configuration()));
        assertTrue(e.getMessage().contains("nope"));
    }
}
