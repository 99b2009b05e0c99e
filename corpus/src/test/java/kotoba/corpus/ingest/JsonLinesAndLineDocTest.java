package kotoba.corpus.ingest;

import static kotoba.corpus.ingest.Fixtures.readAll;
import static kotoba.corpus.ingest.Fixtures.rejects;
import static kotoba.corpus.ingest.Fixtures.texts;
import static kotoba.corpus.ingest.Fixtures.utf8;
import static kotoba.corpus.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAndLineDocTest {

    @TempDir
    Path dir;

    @Test
    void jsonLinesYieldTheTextFieldAndRejectBadLinesWithTheirReason() throws Exception {
        String content = String.join("\n",
                "{\"id\": 1, \"text\": \"猫が窓辺で昼寝をしている。\"}",
                "{\"id\": 2, \"text\": \"Line one\\nline two\"}",
                "{\"id\": 3, \"text\": ",
                "{\"id\": 4, \"body\": \"no text field here\"}",
                "{\"id\": 5, \"text\": 42}",
                "{\"id\": 6, \"text\": null}",
                "[\"an\", \"array\"]",
                "{\"id\": 7, \"text\": \"ok\"} trailing",
                "",
                "{\"id\": 8, \"text\": \"最後の行です。\"}") + "\n";

        List<IngestOutcome> out = readAll(write(dir, "d.jsonl", utf8(content)), IngestConfig.jsonLines("text"));

        assertEquals(List.of("猫が窓辺で昼寝をしている。", "Line one\nline two", "最後の行です。"), texts(out));
        assertEquals(List.of(RejectReasons.MALFORMED_JSON, RejectReasons.MISSING_TEXT_FIELD,
                        RejectReasons.MISSING_TEXT_FIELD, RejectReasons.MISSING_TEXT_FIELD,
                        RejectReasons.MISSING_TEXT_FIELD, RejectReasons.MALFORMED_JSON),
                rejects(out).stream().map(Reject::reason).toList());
        assertEquals("{\"id\": 3, \"text\": ", rejects(out).get(0).sample());
    }

    @Test
    void dottedPathReachesNestedFieldsAndLiteralDottedKeysWin() throws Exception {
        String content = "{\"meta\": {\"body\": \"nested text\"}}\n"
                + "{\"meta.body\": \"literal key\", \"meta\": {\"body\": \"nested\"}}\n"
                + "{\"meta\": \"not an object\"}\n";

        List<IngestOutcome> out = readAll(write(dir, "n.jsonl", utf8(content)), IngestConfig.jsonLines("meta.body"));

        assertEquals(List.of("nested text", "literal key"), texts(out));
        assertEquals(List.of(RejectReasons.MISSING_TEXT_FIELD), rejects(out).stream().map(Reject::reason).toList());
    }

    @Test
    void lineDocBodyIsTheTextAndHeaderIsSkipped() throws Exception {
        String content = LineDocParser.HEADER_PREFIX + "\tdoctitle\tdocdate\tbody\n"
                + "Session opening\t1999-01-04\tI declare the session resumed.\tStill the body.\n"
                + "only a title\n"
                + "Votes\t1999-01-05\tThe vote will take place tomorrow.\n";

        List<IngestOutcome> out = readAll(write(dir, "europarl.lines.txt", utf8(content)), IngestConfig.lineDoc());

        assertEquals(List.of("I declare the session resumed.\tStill the body.", "The vote will take place tomorrow."),
                texts(out));
        assertEquals(List.of(RejectReasons.MALFORMED_LINE), rejects(out).stream().map(Reject::reason).toList());
    }

    @Test
    void formatNamesFromConfigParse() {
        assertEquals(InputFormat.LINE_DOC, InputFormat.parse("europarl"));
        assertEquals(InputFormat.JSONL, InputFormat.parse("JSONL"));
        assertEquals(TextUnit.PARAGRAPH, TextUnit.parse("paragraph"));
        assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("parquet"));
    }
}
