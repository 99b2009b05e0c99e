package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplitterTest {
  @Test
  void prefixModeStartsAWordAtEachWhitespaceMarker() {
    WordSplitter s = new WordSplitter(true, false, false);
    assertEquals(List.of("▁this", "▁is", "▁a", "▁pen"), s.split("▁this▁is▁a▁pen"));
    assertEquals(List.of("this", "▁is"), s.split("this▁is"));
    assertEquals(List.of("▁this", "▁", "▁is"), s.split("▁this▁▁is"));
    assertEquals(List.of(), s.split(""));
  }

  @Test
  void suffixModeEndsAWordAfterEachWhitespaceMarker() {
    WordSplitter s = new WordSplitter(true, true, false);
    assertEquals(List.of("this▁", "is▁", "a▁", "pen▁"), s.split("this▁is▁a▁pen▁"));
    assertEquals(List.of("this▁", "▁", "is"), s.split("this▁▁is"));
  }

  @Test
  void whitespaceOnlyPiecesKeepMarkerRunsTogether() {
    assertEquals(List.of("▁this", "▁▁is"), new WordSplitter(true, false, true).split("▁this▁▁is"));
    assertEquals(List.of("this▁▁", "is"), new WordSplitter(true, true, true).split("this▁▁is"));
  }

  @Test
  void withoutWhitespaceSplittingTheTextIsOneWord() {
    assertEquals(List.of("▁a▁b"), new WordSplitter(false, false, false).split("▁a▁b"));
  }
}
