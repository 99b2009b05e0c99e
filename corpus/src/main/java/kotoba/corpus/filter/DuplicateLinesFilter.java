package kotoba.corpus.filter;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Gopher's line repetition rule ({@code duplicate_lines}): drops a document when too many of its non-blank
 * lines, or too many of its characters, are in lines that repeat an earlier line (boilerplate, menus,
 * scraped navigation). The first occurrence of a line is not counted as a duplicate.
 */
public final class DuplicateLinesFilter implements DocumentFilter {

    private static final long serialVersionUID = 1L;

    private final double maxLineFraction;
    private final double maxCharFraction;

    public DuplicateLinesFilter(double maxLineFraction, double maxCharFraction) {
        this.maxLineFraction = maxLineFraction;
        this.maxCharFraction = maxCharFraction;
    }

    @Override
    public Optional<String> check(String text, String lang) {
        double[] fractions = fractions(text);
        if (fractions[0] > maxLineFraction || fractions[1] > maxCharFraction) {
            return Optional.of(FilterReasons.DUPLICATE_LINES);
        }
        return Optional.empty();
    }

    /** {fraction of non-blank lines that are repeats, fraction of line characters (code points) in repeats}. */
    static double[] fractions(String text) {
        Set<String> seen = new HashSet<>();
        long lines = 0;
        long duplicateLines = 0;
        long chars = 0;
        long duplicateChars = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            int length = line.codePointCount(0, line.length());
            lines++;
            chars += length;
            if (!seen.add(line)) {
                duplicateLines++;
                duplicateChars += length;
            }
        }
        if (lines == 0) {
            return new double[]{0, 0};
        }
        return new double[]{duplicateLines / (double) lines, duplicateChars / (double) chars};
    }
}
