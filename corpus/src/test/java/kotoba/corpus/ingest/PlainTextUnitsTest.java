package kotoba.corpus.ingest;

import static kotoba.corpus.ingest.Fixtures.readAll;
import static kotoba.corpus.ingest.Fixtures.texts;
import static kotoba.corpus.ingest.Fixtures.utf8;
import static kotoba.corpus.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainTextUnitsTest {

    @TempDir
    Path dir;

    private static final String JA_1 = "今日は雨が降っているので、家で本を読むことにした。";
    private static final String EN_1 = "The river was quiet after the storm passed over the valley.";
    private static final String JA_2 = "駅前の小さなパン屋は朝七時に店を開ける。";

    @Test
    void lineUnitYieldsEachNonBlankLineWithItsByteOffset() throws Exception {
        String content = JA_1 + "\r\n\n   \n" + EN_1 + "\n" + JA_2;
        List<IngestOutcome> out = readAll(write(dir, "a.txt", utf8(content)), IngestConfig.text(TextUnit.LINE));

        assertEquals(List.of(JA_1, EN_1, JA_2), texts(out));
        long enOffset = utf8(JA_1 + "\r\n\n   \n").length;
        long ja2Offset = enOffset + utf8(EN_1 + "\n").length;
        assertEquals(0, out.get(0).offset());
        assertEquals(enOffset, out.get(1).offset());
        assertEquals(ja2Offset, out.get(2).offset());
    }

    @Test
    void paragraphUnitJoinsLinesBetweenBlankLines() throws Exception {
        String content = "\n" + JA_1 + "\r\n" + JA_2 + "\n \t\n\n" + EN_1 + "\n";
        List<IngestOutcome> out = readAll(write(dir, "p.txt", utf8(content)), IngestConfig.text(TextUnit.PARAGRAPH));

        assertEquals(List.of(JA_1 + "\n" + JA_2, EN_1), texts(out));
        assertEquals(1, out.get(0).offset());
        assertEquals(utf8("\n" + JA_1 + "\r\n" + JA_2 + "\n \t\n\n").length, out.get(1).offset());
    }

    @Test
    void fileUnitKeepsTheWholeFileVerbatim() throws Exception {
        String content = JA_1 + "\r\n\n" + EN_1 + "\n";
        List<IngestOutcome> out = readAll(write(dir, "f.txt", utf8(content)), IngestConfig.text(TextUnit.FILE));

        assertEquals(List.of(content), texts(out));
    }

    @Test
    void emptyFileHasNoRecordsExceptInFileUnitWhereItIsOneEmptyRecord() throws Exception {
        Path empty = write(dir, "empty.txt", new byte[0]);

        assertTrue(readAll(empty, IngestConfig.text(TextUnit.LINE)).isEmpty());
        assertTrue(readAll(empty, IngestConfig.text(TextUnit.PARAGRAPH)).isEmpty());
        assertTrue(readAll(empty, IngestConfig.jsonLines("text")).isEmpty());
        List<IngestOutcome> whole = readAll(empty, IngestConfig.text(TextUnit.FILE));
        assertEquals(1, whole.size());
        assertEquals("", assertInstanceOf(RawRecord.class, whole.get(0)).text());
    }

    @Test
    void utf8ByteOrderMarkAtStartIsNotPartOfTheText() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = utf8(EN_1 + "\n" + JA_1 + "\n");
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(body, 0, content, 3, body.length);

        List<IngestOutcome> out = readAll(write(dir, "bom.txt", content), IngestConfig.text(TextUnit.LINE));

        assertEquals(List.of(EN_1, JA_1), texts(out));
    }

    @Test
    void gzipAndBzip2AreDecompressedWhateverTheFileIsCalled() throws Exception {
        byte[] content = utf8(JA_1 + "\n" + EN_1 + "\n");
        IngestConfig lines = IngestConfig.text(TextUnit.LINE);

        assertEquals(List.of(JA_1, EN_1), texts(readAll(write(dir, "a.txt.gz", Fixtures.gzip(content)), lines)));
        assertEquals(List.of(JA_1, EN_1), texts(readAll(write(dir, "b.txt.bz2", Fixtures.bzip2(content)), lines)));
        assertEquals(List.of(JA_1, EN_1), texts(readAll(write(dir, "misnamed.txt", Fixtures.gzip(content)), lines)));
        assertEquals(List.of(JA_1, EN_1), texts(readAll(write(dir, "plain.gz", content), lines)));
    }

    @Test
    void offsetsCountDecompressedBytes() throws Exception {
        String first = EN_1 + "\n";
        byte[] content = utf8(first + JA_1 + "\n");
        List<IngestOutcome> out = readAll(write(dir, "o.gz", Fixtures.gzip(content)), IngestConfig.text(TextUnit.LINE));

        assertEquals(utf8(first).length, out.get(1).offset());
    }

    @Test
    void concatenatedGzipMembersAreReadAsOneStream() throws Exception {
        byte[] a = Fixtures.gzip(utf8(EN_1 + "\n"));
        byte[] b = Fixtures.gzip(utf8(JA_1 + "\n"));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        assertEquals(List.of(EN_1, JA_1), texts(readAll(write(dir, "cat.gz", both), IngestConfig.text(TextUnit.LINE))));
    }
}
