package kotoba.corpus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void printableTextStaysReadableAndEverythingElseIsEscaped() {
        byte[] bytes = "日本\t語\\\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("日本\\t語\\\\\\n", Samples.escape(bytes, bytes.length));
    }

    @Test
    void malformedAndCutOffSequencesShowTheirBytes() {
        byte[] bytes = {'a', (byte) 0x82, (byte) 0xA0, 0x01, (byte) 0xE6, (byte) 0x97};
        assertEquals("a\\x82\\xa0\\x01\\xe6\\x97", Samples.escape(bytes, bytes.length));
    }
}
