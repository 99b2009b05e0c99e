package kotoba.corpus.ingest;

/** Turns the decoded text of one line (or paragraph, or file) into record text, per input format. */
interface LineParser {

    /**
     * What a parser made of its input.
     *
     * @param text   the record text, or null
     * @param reason null, or the reject reason when {@code text} is null; both null means "not a record"
     *               (such as a header line)
     */
    record Parsed(String text, String reason) {
        static Parsed text(String text) {
            return new Parsed(text, null);
        }

        static Parsed reject(String reason) {
            return new Parsed(null, reason);
        }

        static Parsed skip() {
            return new Parsed(null, null);
        }
    }

    Parsed parse(String decoded);

    /** The parser for a format. */
    static LineParser forConfig(IngestConfig config) {
        return switch (config.format()) {
            case TEXT -> Parsed::text;
            case JSONL -> new JsonTextExtractor(config.textField());
            case LINE_DOC -> new LineDocParser();
        };
    }
}
