package kotoba.corpus.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Writes test sources into a temp dir and reads them back through {@link RecordReader}. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static byte[] bzip2(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // 100k blocks: fast to write and several blocks even for small fixtures.
        try (OutputStream bz = new BZip2CompressorOutputStream(out, 1)) {
            bz.write(content);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    static List<IngestOutcome> readAll(Path file, IngestConfig config) throws IOException {
        try (RecordReader reader = RecordReader.open(file.toString(), Files.newInputStream(file), config)) {
            return drain(reader);
        }
    }

    static List<IngestOutcome> readAll(String name, InputStream in, IngestConfig config) throws IOException {
        try (RecordReader reader = RecordReader.open(name, in, config)) {
            return drain(reader);
        }
    }

    private static List<IngestOutcome> drain(RecordReader reader) {
        List<IngestOutcome> out = new ArrayList<>();
        reader.forEachRemaining(out::add);
        return out;
    }

    static List<String> texts(List<IngestOutcome> outcomes) {
        List<String> texts = new ArrayList<>();
        for (IngestOutcome o : outcomes) {
            if (o instanceof RawRecord r) {
                texts.add(r.text());
            }
        }
        return texts;
    }

    static List<Reject> rejects(List<IngestOutcome> outcomes) {
        List<Reject> rejects = new ArrayList<>();
        for (IngestOutcome o : outcomes) {
            if (o instanceof Reject r) {
                rejects.add(r);
            }
        }
        return rejects;
    }
}
