package kotoba.corpus.ingest;

/**
 * Parses Lucene benchmark line-doc lines ({@code europarl.lines.txt}): {@code title TAB date TAB body}.
 * The body is the text; tabs inside the body are kept. A header line written by Lucene's
 * WriteLineDocTask (starting {@code FIELDS_HEADER_INDICATOR###}) names the columns and is not a record.
 */
final class LineDocParser implements LineParser {

    static final String HEADER_PREFIX = "FIELDS_HEADER_INDICATOR###";

    @Override
    public Parsed parse(String line) {
        if (line.startsWith(HEADER_PREFIX)) {
            return Parsed.skip();
        }
        int firstTab = line.indexOf('\t');
        int secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
        if (secondTab < 0) {
            return Parsed.reject(RejectReasons.MALFORMED_LINE);
        }
        return Parsed.text(line.substring(secondTab + 1));
    }
}
