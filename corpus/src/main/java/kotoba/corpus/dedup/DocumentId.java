package kotoba.corpus.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stable id of a document: the first 128 bits of SHA-256 over the UTF-8 bytes of its normalized
 * text, as 32 lowercase hex digits. Anyone can recompute it ({@code printf %s "$text" | sha256sum | cut -c1-32}),
 * it is the same on every JVM and run, and equal texts get equal ids, which makes it the exact-dedup key.
 */
public final class DocumentId {

    /** Number of hex digits in an id. */
    public static final int HEX_LENGTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DocumentId() {
    }

    /** The id of an already-normalized text. */
    public static String of(String normalizedText) {
        byte[] digest = sha256().digest(normalizedText.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[HEX_LENGTH];
        for (int i = 0; i < HEX_LENGTH / 2; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
