package kotoba.tokenizer.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VocabWriterTest {
  @Test
  void scoresPrintLikeCxxStreams() {
    // Expected strings follow C's %g (6 significant digits, trailing zeros dropped), as spm_export_vocab prints.
    assertEquals("0", VocabWriter.formatScore(0f));
    assertEquals("-1.5", VocabWriter.formatScore(-1.5f));
    assertEquals("-12.3457", VocabWriter.formatScore(-12.345678f));
    assertEquals("-0.000123457", VocabWriter.formatScore(-0.0001234567f));
    assertEquals("1e-05", VocabWriter.formatScore(0.00001f));
    assertEquals("-1.23457e+06", VocabWriter.formatScore(-1234567f));
    assertEquals("100000", VocabWriter.formatScore(100000f));
  }

  @Test
  void vocabHasOneTabSeparatedLinePerPieceInIdOrder() throws Exception {
    SentencePieceModel m = TestModels.tinyUnigram(false);
    StringWriter w = new StringWriter();
    VocabWriter.write(m, w);
    String[] lines = w.toString().split("\n");
    assertEquals(m.size(), lines.length);
    assertEquals("<unk>\t0", lines[0]);
    assertEquals("▁a\t-2.5", lines[8]);
  }
}
