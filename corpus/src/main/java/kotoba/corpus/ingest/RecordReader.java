package kotoba.corpus.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams one source (plain text, JSON Lines or line-doc; optionally gzip or bzip2) as a lazy sequence of
 * {@link RawRecord}s and {@link Reject}s. Memory per record is bounded by {@link IngestConfig#maxRecordBytes()}.
 *
 * <p>Offsets are byte offsets into the decompressed stream (0-based): the first byte of the line,
 * paragraph or file. Bad content never throws: it becomes a {@link Reject}. A truncated or corrupt
 * compressed stream yields every complete record before the damage and then one {@code truncated_input}
 * (or {@code corrupt_input}) reject at the offset of the record it cut. A file whose first 8 KiB contain
 * a NUL byte (or start with a UTF-16 byte-order mark) is rejected once, as a whole, at offset 0.
 *
 * <p>Only failures of the source stream itself (disk, network) are thrown, as {@link UncheckedIOException},
 * so that Spark can retry the task. Not thread-safe; use one reader per source.
 */
public final class RecordReader implements Iterator<IngestOutcome>, Closeable {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String source;
    private final InputStream raw;
    private final IngestConfig config;
    private final LineParser parser;
    private final RecordDecoder decoder;
    private final ArrayDeque<IngestOutcome> ready = new ArrayDeque<>(2);
    private InputStream decompressed;
    private LineScanner lines;
    private ParagraphAssembler paragraphs;
    private boolean started;
    private boolean finished;

    private RecordReader(String source, InputStream raw, IngestConfig config) {
        this.source = Objects.requireNonNull(source, "source");
        this.raw = Objects.requireNonNull(raw, "raw");
        this.config = Objects.requireNonNull(config, "config");
        this.parser = LineParser.forConfig(config);
        this.decoder = new RecordDecoder(config.maxControlRatio());
    }

    /**
     * A reader over {@code raw}, which must be the file's bytes as stored (compressed or not). Nothing is
     * read until the first {@link #hasNext()}. Closing the reader closes {@code raw}.
     *
     * @param source the name recorded in every outcome; its extension hints at compression
     */
    public static RecordReader open(String source, InputStream raw, IngestConfig config) {
        return new RecordReader(source, raw, config);
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty() && !finished) {
                advance();
            }
        } catch (SourceReadException e) {
            finished = true;
            throw new UncheckedIOException("reading " + source, SourceReadException.unwrap(e));
        }
        return !ready.isEmpty();
    }

    @Override
    public IngestOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        finished = true;
        if (decompressed != null) {
            decompressed.close();
        }
        raw.close();
    }

    private void advance() throws SourceReadException {
        if (!started) {
            started = true;
            start();
            return;
        }
        ScannedLine chunk = paragraphs != null ? paragraphs.next() : lines.next();
        if (chunk == null) {
            finished = true;
            return;
        }
        handle(chunk);
        if (chunk.failure() != null) {
            finished = true;
        }
    }

    private void start() throws SourceReadException {
        Decompression.Opened opened = Decompression.open(source, raw);
        if (opened.failure() != null) {
            ready.add(new Reject(source, 0, opened.failure(), ""));
            finished = true;
            return;
        }
        decompressed = opened.stream();
        HeadSniff head = HeadSniff.read(decompressed);
        String problem = head.wholeSourceProblem();
        if (problem != null) {
            ready.add(Reject.of(source, 0, problem, head.bytes(), head.length()));
            finished = true;
            return;
        }
        boolean wholeFile = config.format() == InputFormat.TEXT && config.unit() == TextUnit.FILE;
        lines = new LineScanner(head.replayThen(decompressed), config.maxRecordBytes(), !wholeFile);
        if (config.format() == InputFormat.TEXT && config.unit() == TextUnit.PARAGRAPH) {
            paragraphs = new ParagraphAssembler(lines, config.maxRecordBytes());
        }
    }

    private void handle(ScannedLine chunk) {
        byte[] bytes = chunk.bytes();
        if (chunk.failure() != null) {
            ready.add(Reject.of(source, chunk.offset(), chunk.failure(), bytes, bytes.length));
            return;
        }
        if (chunk.overflow()) {
            ready.add(Reject.of(source, chunk.offset(), RejectReasons.RECORD_TOO_LONG, bytes, bytes.length));
            return;
        }
        boolean wholeFile = lines != null && paragraphs == null
                && config.format() == InputFormat.TEXT && config.unit() == TextUnit.FILE;
        if (!wholeFile && chunk.isBlank()) {
            return;
        }
        int from = chunk.offset() == 0 && startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        int to = bytes.length;
        if (!wholeFile && to > from && bytes[to - 1] == '\r') {
            to--;
        }
        RecordDecoder.Decoded decoded = decoder.decode(bytes, from, to);
        if (decoded.reason() != null) {
            ready.add(Reject.of(source, chunk.offset(), decoded.reason(), bytes, bytes.length));
            return;
        }
        LineParser.Parsed parsed = parser.parse(decoded.text());
        if (parsed.text() != null) {
            ready.add(new RawRecord(source, chunk.offset(), parsed.text()));
        } else if (parsed.reason() != null) {
            ready.add(Reject.of(source, chunk.offset(), parsed.reason(), bytes, bytes.length));
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
