package kotoba.corpus.normalize;

/**
 * Whitespace and control-character cleanup run after Unicode normalization: one line-break convention,
 * no invisible or control characters, single spaces, trimmed lines, at most one blank line in a row.
 */
public final class TextCleanup {

    private TextCleanup() {
    }

    /**
     * Cleans {@code text}:
     * <ul>
     *   <li>CRLF, CR, NEL (U+0085), LINE/PARAGRAPH SEPARATOR, vertical tab and form feed become {@code \n}
     *       (they all end a line, so dropping them would glue words together);</li>
     *   <li>other C0/C1 controls and DEL are dropped; tab is kept;</li>
     *   <li>invisible characters that carry no text are dropped: ZERO WIDTH SPACE, WORD JOINER, BOM / ZERO
     *       WIDTH NO-BREAK SPACE, SOFT HYPHEN, MONGOLIAN VOWEL SEPARATOR, noncharacters U+FFFE/U+FFFF and
     *       unpaired surrogates (which JSON escapes can produce and UTF-8 cannot encode). ZERO WIDTH JOINER and
     *       NON-JOINER are kept: they change meaning in emoji sequences and in Persian and Indic scripts;</li>
     *   <li>every space separator (NBSP, ideographic space, en/em spaces, ...) becomes U+0020 and runs of
     *       spaces collapse to one;</li>
     *   <li>each line is trimmed of spaces and tabs; three or more consecutive newlines become two; leading
     *       and trailing newlines are removed.</li>
     * </ul>
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        boolean pendingSpace = false;
        boolean lineHasContent = false;
        int lineStart = 0;
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            }
            i += width;
            if (isLineBreak(cp)) {
                trimLineEnd(out, lineStart);
                if (out.length() > 0) {
                    newlines++;
                }
                pendingSpace = false;
                lineHasContent = false;
                continue;
            }
            if (isDropped(cp)) {
                continue;
            }
            boolean space = Character.getType(cp) == Character.SPACE_SEPARATOR;
            if (space || cp == '\t') {
                if (lineHasContent) {
                    if (cp == '\t') {
                        flushSpace(out, pendingSpace);
                        pendingSpace = false;
                        out.append('\t');
                    } else {
                        pendingSpace = true;
                    }
                }
                continue;
            }
            if (!lineHasContent) {
                if (newlines > 0) {
                    out.append(newlines >= 2 ? "\n\n" : "\n");
                }
                newlines = 0;
                lineStart = out.length();
                lineHasContent = true;
            } else {
                flushSpace(out, pendingSpace);
            }
            pendingSpace = false;
            out.appendCodePoint(cp);
        }
        trimLineEnd(out, lineStart);
        return out.toString();
    }

    private static void flushSpace(StringBuilder out, boolean pendingSpace) {
        if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    /** Removes tabs left at the end of the current line (spaces are never written there). */
    private static void trimLineEnd(StringBuilder out, int lineStart) {
        int end = out.length();
        while (end > lineStart && (out.charAt(end - 1) == '\t' || out.charAt(end - 1) == ' ')) {
            end--;
        }
        out.setLength(end);
    }

    private static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    private static boolean isDropped(int cp) {
        if (cp < 0x20 && cp != '\t') {
            return true;
        }
        if (cp >= 0x7F && cp <= 0x9F) {
            return true;
        }
        return switch (cp) {
            case 0x200B, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0xFFFE, 0xFFFF -> true;
            default -> Character.getType(cp) == Character.SURROGATE;
        };
    }
}
