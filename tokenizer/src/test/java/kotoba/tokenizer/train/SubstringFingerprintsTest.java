package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotoba.tokenizer.model.TrainerSpec;
import org.junit.jupiter.api.Test;

class SubstringFingerprintsTest {
  private static final TrainerSpec SPEC = TrainerSpec.defaults();
  private static final String[] WORDS = {"▁parliament", "▁鉄道の安全について", "▁2024年", "▁État-membre", "▁ab", "▁abab"};

  /** The candidates the string-based seed counting used to produce: valid pieces of 2..max length. */
  private static List<String> expectedCandidates(String word, PieceValidator valid) {
    List<String> out = new ArrayList<>();
    int[] cps = word.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      for (int len = 2; len <= SPEC.maxSentencepieceLength() && i + len <= cps.length; len++) {
        if (!valid.isValid(cps, i, i + len)) break;
        out.add(new String(cps, i, len));
      }
    }
    return out;
  }

  @Test
  void visitsEveryValidCandidateWithAFingerprintThatKnowsItsLength() {
    PieceValidator valid = new PieceValidator(SPEC);
    SubstringFingerprints fp = new SubstringFingerprints(valid, SPEC.maxSentencepieceLength(), true);
    Map<Long, String> byFingerprint = new HashMap<>();
    for (String w : WORDS) {
      List<String> seen = new ArrayList<>();
      fp.forEach(w, (f, cps, start, len) -> {
        String s = new String(cps, start, len);
        seen.add(s);
        assertEquals(len, fp.length(f), s);
        String before = byFingerprint.putIfAbsent(f, s);
        assertTrue(before == null || before.equals(s), "collision between " + before + " and " + s);
      });
      assertEquals(expectedCandidates(w, valid), seen, w);
    }
    // The same substring in different words gets the same fingerprint: "ab" occurs in ▁ab and twice in ▁abab.
    assertEquals(1, byFingerprint.values().stream().filter("ab"::equals).count());
  }
}
