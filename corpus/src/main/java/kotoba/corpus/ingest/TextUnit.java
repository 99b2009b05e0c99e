package kotoba.corpus.ingest;

import java.util.Locale;

/** What one record is in a plain-text source. */
public enum TextUnit {
    /** Each non-blank line is a record; blank and whitespace-only lines are not records. */
    LINE,
    /** Each run of non-blank lines (separated by blank or whitespace-only lines) is a record. */
    PARAGRAPH,
    /** The whole file is one record, an empty file included. */
    FILE;

    /** Parses a config value: {@code line}, {@code paragraph} or {@code file}. */
    public static TextUnit parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "line" -> LINE;
            case "paragraph" -> PARAGRAPH;
            case "file" -> FILE;
            default -> throw new IllegalArgumentException(
                    "unknown text unit '" + name + "' (expected line, paragraph or file)");
        };
    }
}
