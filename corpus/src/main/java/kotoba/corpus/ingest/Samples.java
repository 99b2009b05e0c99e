package kotoba.corpus.ingest;

/** Turns the first bytes of a rejected record into a short printable string for the rejects table. */
public final class Samples {

    /** How many leading bytes of a record a sample shows. */
    public static final int SAMPLE_BYTES = 200;

    private Samples() {
    }

    /**
     * Escapes {@code bytes[0..length)}: well-formed printable UTF-8 characters stay as they are, so a
     * reader sees the text; backslash, controls, format characters and every byte of a malformed or
     * cut-off sequence become {@code \\}, {@code \n}, {@code \t}, {@code \r} or {@code \xNN}, so the
     * sample shows exactly which bytes were wrong.
     */
    public static String escape(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            int seqLen = sequenceLength(b);
            int cp = seqLen > 0 ? decodeAt(bytes, i, seqLen, length) : -1;
            if (cp < 0) {
                appendHex(out, b);
                i++;
                continue;
            }
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (isInvisible(cp)) {
                for (int j = 0; j < seqLen; j++) {
                    appendHex(out, bytes[i + j] & 0xFF);
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += seqLen;
        }
        return out.toString();
    }

    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** Returns the code point of a well-formed sequence, or -1 if it is malformed, overlong or cut off. */
    private static int decodeAt(byte[] bytes, int start, int seqLen, int limit) {
        if (start + seqLen > limit) {
            return -1;
        }
        int cp = seqLen == 1 ? bytes[start] : (bytes[start] & (0xFF >> (seqLen + 1)));
        for (int j = 1; j < seqLen; j++) {
            int c = bytes[start + j] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        boolean overlong = (seqLen == 3 && cp < 0x800) || (seqLen == 4 && cp < 0x10000);
        boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
        if (overlong || surrogate || cp > 0x10FFFF) {
            return -1;
        }
        return cp;
    }

    private static void appendHex(StringBuilder out, int b) {
        out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
    }
}
