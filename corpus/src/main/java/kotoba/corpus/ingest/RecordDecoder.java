package kotoba.corpus.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that a record's bytes are text and decodes them as strict UTF-8. Not thread-safe: one per reader. */
final class RecordDecoder {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final double maxControlRatio;

    RecordDecoder(double maxControlRatio) {
        this.maxControlRatio = maxControlRatio;
    }

    /**
     * The outcome of decoding one record.
     *
     * @param text   the decoded text, or null if rejected
     * @param reason null, or {@link RejectReasons#BINARY} / {@link RejectReasons#INVALID_UTF8}
     */
    record Decoded(String text, String reason) {
    }

    /** Binary is checked before UTF-8 so that, say, a UTF-16 record reports as binary rather than bad UTF-8. */
    Decoded decode(byte[] bytes, int from, int to) {
        int controls = 0;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return new Decoded(null, RejectReasons.BINARY);
            }
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                controls++;
            }
        }
        int length = to - from;
        if (length > 0 && controls > maxControlRatio * length) {
            return new Decoded(null, RejectReasons.BINARY);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, from, length));
            return new Decoded(chars.toString(), null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, RejectReasons.INVALID_UTF8);
        }
    }
}
