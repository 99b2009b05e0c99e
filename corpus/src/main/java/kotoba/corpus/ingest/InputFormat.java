package kotoba.corpus.ingest;

import java.util.Locale;

/** How the bytes of a source are laid out into records. */
public enum InputFormat {
    /** Plain UTF-8 text; records are cut according to {@link TextUnit}. */
    TEXT,
    /** One JSON object per line; the text is taken from a configurable (dotted) field. */
    JSONL,
    /**
     * Lucene benchmark line-doc files such as {@code europarl.lines.txt}: one document per line as
     * {@code title TAB date TAB body}; the body is the text.
     */
    LINE_DOC;

    /** Parses a config value: {@code text}, {@code jsonl} (or {@code json}), {@code line_doc} (or {@code europarl}). */
    public static InputFormat parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "text", "txt" -> TEXT;
            case "jsonl", "json", "json_lines" -> JSONL;
            case "line_doc", "linedoc", "europarl", "lines" -> LINE_DOC;
            default -> throw new IllegalArgumentException(
                    "unknown input format '" + name + "' (expected text, jsonl or line_doc/europarl)");
        };
    }
}
