package kotoba.corpus.ingest;

import static kotoba.corpus.ingest.Fixtures.readAll;
import static kotoba.corpus.ingest.Fixtures.rejects;
import static kotoba.corpus.ingest.Fixtures.texts;
import static kotoba.corpus.ingest.Fixtures.utf8;
import static kotoba.corpus.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputRejectsTest {

    @TempDir
    Path dir;

    private static final String JA = "桜の花が咲き始めると、公園は散歩する人でにぎやかになる。";
    private static final String EN = "A small boat drifted slowly toward the harbour lights.";

    @Test
    void shiftJisLinesAreRejectedAsInvalidUtf8WhileAsciiLinesStillDecode() throws Exception {
        Charset sjis = Charset.forName("Shift_JIS");
        byte[] content = (JA + "\n" + EN + "\n" + "雨の日は図書館で静かに勉強する。\n").getBytes(sjis);

        List<IngestOutcome> out = readAll(write(dir, "sjis.txt", content), IngestConfig.text(TextUnit.LINE));

        assertEquals(List.of(EN), texts(out));
        List<Reject> rejects = rejects(out);
        assertEquals(2, rejects.size());
        rejects.forEach(r -> assertEquals(RejectReasons.INVALID_UTF8, r.reason()));
        assertEquals(0, rejects.get(0).offset());
        assertTrue(rejects.get(0).sample().startsWith("\\x"), rejects.get(0).sample());
    }

    @Test
    void fileWithNulBytesInItsHeadIsRejectedOnceAsBinary() throws Exception {
        byte[] content = new byte[20_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        content[100] = 0;
        content[5000] = '\n';

        List<IngestOutcome> out = readAll(write(dir, "blob.bin", content), IngestConfig.text(TextUnit.LINE));

        assertEquals(1, out.size());
        Reject reject = (Reject) out.get(0);
        assertEquals(RejectReasons.BINARY, reject.reason());
        assertEquals(0, reject.offset());
    }

    @Test
    void utf16FileIsRejectedAsInvalidUtf8() throws Exception {
        byte[] content = ("\uFEFF" + EN + "\n").getBytes(Charset.forName("UTF-16LE"));

        List<IngestOutcome> out = readAll(write(dir, "u16.txt", content), IngestConfig.text(TextUnit.LINE));

        assertEquals(List.of(RejectReasons.INVALID_UTF8), rejects(out).stream().map(Reject::reason).toList());
        assertTrue(texts(out).isEmpty());
    }

    @Test
    void lineFullOfControlBytesIsBinaryButItsNeighboursAreKept() throws Exception {
        byte[] junk = new byte[40];
        Arrays.fill(junk, (byte) 0x1B);
        byte[] en = utf8(EN + "\n");
        byte[] ja = utf8("\n" + JA + "\n");
        byte[] content = new byte[en.length + junk.length + ja.length];
        System.arraycopy(en, 0, content, 0, en.length);
        System.arraycopy(junk, 0, content, en.length, junk.length);
        System.arraycopy(ja, 0, content, en.length + junk.length, ja.length);

        List<IngestOutcome> out = readAll(write(dir, "ctl.txt", content), IngestConfig.text(TextUnit.LINE));

        assertEquals(List.of(EN, JA), texts(out));
        assertEquals(1, rejects(out).size());
        assertEquals(RejectReasons.BINARY, rejects(out).get(0).reason());
        assertEquals(en.length, rejects(out).get(0).offset());
    }

    @Test
    void fiftyMegabyteLineIsRejectedWithoutStoppingTheStream() throws Exception {
        long longLine = 50L * 1024 * 1024;
        byte[] before = utf8(EN + "\n");
        byte[] after = utf8("\n" + JA + "\n");
        InputStream in = new GeneratedStream(before, longLine, (byte) 'x', after);
        IngestConfig config = IngestConfig.text(TextUnit.LINE).withMaxRecordBytes(1024 * 1024);

        List<IngestOutcome> out = readAll("huge.txt", in, config);

        assertEquals(List.of(EN, JA), texts(out));
        List<Reject> rejects = rejects(out);
        assertEquals(1, rejects.size());
        assertEquals(RejectReasons.RECORD_TOO_LONG, rejects.get(0).reason());
        assertEquals(before.length, rejects.get(0).offset());
        assertEquals(Samples.SAMPLE_BYTES, rejects.get(0).sample().length());
        assertEquals(before.length + longLine + 1, out.get(2).offset());
    }

    @Test
    void paragraphLongerThanTheCapIsRejectedEvenIfEveryLineFits() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            big.append(EN).append('\n');
        }
        String content = JA + "\n\n" + big + "\n" + JA + "\n";
        IngestConfig config = IngestConfig.text(TextUnit.PARAGRAPH).withMaxRecordBytes(1000);

        List<IngestOutcome> out = readAll(write(dir, "para.txt", utf8(content)), config);

        assertEquals(List.of(JA, JA), texts(out));
        assertEquals(List.of(RejectReasons.RECORD_TOO_LONG), rejects(out).stream().map(Reject::reason).toList());
    }

    @Test
    void truncatedGzipKeepsEarlierRecordsAndRejectsOnceAtTheCut() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append(i).append(' ').append(i % 2 == 0 ? EN : JA).append('\n');
        }
        byte[] gz = Fixtures.gzip(utf8(text.toString()));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);

        List<IngestOutcome> out = readAll(write(dir, "cut.txt.gz", cut), IngestConfig.text(TextUnit.LINE));

        List<String> kept = texts(out);
        List<Reject> rejects = rejects(out);
        assertTrue(kept.size() > 100, "records before the cut are kept: " + kept.size());
        assertTrue(kept.size() < 4000);
        for (int i = 0; i < kept.size(); i++) {
            assertEquals(i + " " + (i % 2 == 0 ? EN : JA), kept.get(i));
        }
        assertEquals(1, rejects.size());
        assertEquals(RejectReasons.TRUNCATED_INPUT, rejects.get(0).reason());
        assertEquals(out.get(out.size() - 1), rejects.get(0), "the reject is the last outcome");
        long expectedOffset = utf8(text.substring(0, ordinalIndexOfLine(text, kept.size()))).length;
        assertEquals(expectedOffset, rejects.get(0).offset());
    }

    @Test
    void truncatedBzip2KeepsEarlierRecordsAndRejectsOnce() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8_000; i++) {
            text.append(i).append(' ').append(EN).append('\n');
        }
        byte[] bz = Fixtures.bzip2(utf8(text.toString()));
        byte[] cut = Arrays.copyOf(bz, bz.length * 3 / 4);

        List<IngestOutcome> out = readAll(write(dir, "cut.bz2", cut), IngestConfig.text(TextUnit.LINE));

        assertTrue(texts(out).size() > 1000, "records before the cut are kept: " + texts(out).size());
        assertEquals(1, rejects(out).size());
        assertEquals(RejectReasons.TRUNCATED_INPUT, rejects(out).get(0).reason());
    }

    @Test
    void gzipCutInsideItsHeaderIsOneTruncatedReject() throws Exception {
        byte[] gz = Fixtures.gzip(utf8(EN + "\n"));

        for (int keep : new int[]{1, 5}) {
            List<IngestOutcome> out = readAll(write(dir, "h" + keep + ".gz", Arrays.copyOf(gz, keep)),
                    IngestConfig.text(TextUnit.LINE));
            assertEquals(1, out.size(), "keep " + keep);
            assertEquals(RejectReasons.TRUNCATED_INPUT, ((Reject) out.get(0)).reason());
        }
    }

    @Test
    void corruptedGzipDataEndsWithARejectInsteadOfAnException() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(i).append(' ').append(JA).append('\n');
        }
        byte[] gz = Fixtures.gzip(utf8(text.toString()));
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
            gz[i] = (byte) ~gz[i];
        }

        List<IngestOutcome> out = readAll(write(dir, "bad.gz", gz), IngestConfig.text(TextUnit.LINE));

        List<Reject> rejects = rejects(out);
        assertTrue(!rejects.isEmpty());
        Reject last = (Reject) out.get(out.size() - 1);
        assertTrue(List.of(RejectReasons.CORRUPT_INPUT, RejectReasons.TRUNCATED_INPUT).contains(last.reason()),
                last.reason());
    }

    @Test
    void failureOfTheSourceStreamItselfIsThrownSoTheTaskCanBeRetried() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 10) {
                    return 'a';
                }
                throw new IOException("connection reset");
            }
        };

        UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                () -> readAll("remote.txt", failing, IngestConfig.text(TextUnit.LINE)));
        assertEquals("connection reset", thrown.getCause().getMessage());
    }

    @Test
    void failureOfTheSourceUnderGzipIsAlsoThrownNotRejected() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append(i).append(' ').append(EN).append('\n');
        }
        byte[] gz = Fixtures.gzip(utf8(text.toString()));
        InputStream failing = new ByteArrayInputStream(gz, 0, gz.length / 2) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new UncheckedIOException(new IOException("disk gone"));
                }
                return n;
            }
        };
        InputStream checked = new java.io.FilterInputStream(failing) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };

        UncheckedIOException thrown = assertThrows(UncheckedIOException.class,
                () -> readAll("remote.gz", checked, IngestConfig.text(TextUnit.LINE)));
        assertEquals("disk gone", thrown.getCause().getMessage());
    }

    private static int ordinalIndexOfLine(CharSequence text, int line) {
        String s = text.toString();
        int index = 0;
        for (int i = 0; i < line; i++) {
            index = s.indexOf('\n', index) + 1;
        }
        return index;
    }

    /** Streams prefix, then {@code count} copies of one byte, then suffix, without holding them in memory. */
    private static final class GeneratedStream extends InputStream {
        private final byte[] prefix;
        private final long count;
        private final byte fill;
        private final byte[] suffix;
        private long pos;

        GeneratedStream(byte[] prefix, long count, byte fill, byte[] suffix) {
            this.prefix = prefix;
            this.count = count;
            this.fill = fill;
            this.suffix = suffix;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = prefix.length + count + suffix.length;
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                if (p < prefix.length) {
                    b[off + i] = prefix[(int) p];
                } else if (p < prefix.length + count) {
                    b[off + i] = fill;
                } else {
                    b[off + i] = suffix[(int) (p - prefix.length - count)];
                }
            }
            pos += n;
            return n;
        }
    }
}
