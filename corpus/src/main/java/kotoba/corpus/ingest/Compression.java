package kotoba.corpus.ingest;

import java.util.Locale;

/** The compression formats the reader undoes, detected from magic bytes with the file name as a hint. */
public enum Compression {
    NONE(new byte[0], new String[0]),
    GZIP(new byte[]{0x1f, (byte) 0x8b}, new String[]{".gz", ".gzip"}),
    BZIP2(new byte[]{'B', 'Z', 'h'}, new String[]{".bz2", ".bzip2"});

    private final byte[] magic;
    private final String[] extensions;

    Compression(byte[] magic, String[] extensions) {
        this.magic = magic;
        this.extensions = extensions;
    }

    /** Longest magic prefix any format needs to be recognised. */
    static final int SNIFF_BYTES = 4;

    /**
     * Magic bytes decide, because a {@code .gz} name on already-decompressed bytes is common (HTTP
     * transfer, Hadoop codecs). The name only matters when the stream is too short to hold the magic.
     */
    static Compression detect(byte[] head, int length) {
        if (length >= 2 && head[0] == GZIP.magic[0] && head[1] == GZIP.magic[1]) {
            return GZIP;
        }
        if (length >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        return NONE;
    }

    /** The compression a file name claims by its extension, or NONE. */
    static Compression fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            for (String ext : c.extensions) {
                if (lower.endsWith(ext)) {
                    return c;
                }
            }
        }
        return NONE;
    }

    /** True if a non-empty stream shorter than this format's magic matches as far as it goes: a cut-off file. */
    boolean isCutOffMagic(byte[] head, int length) {
        int needed = this == BZIP2 ? 4 : magic.length;
        if (length == 0 || length >= needed) {
            return false;
        }
        for (int i = 0; i < Math.min(length, magic.length); i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
