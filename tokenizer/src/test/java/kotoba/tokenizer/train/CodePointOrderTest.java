package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodePointOrderTest {
  /** Code points from the ranges where UTF-16 order and code-point order disagree, and plain ones. */
  private static final int[] POOL = {'a', 'z', 0x3042, 0xD7FF, 0xE000, 0xFF21, 0xFFFD, 0x10000, 0x1F600, 0x2000B};

  private static String random(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) sb.appendCodePoint(POOL[r.nextInt(POOL.length)]);
    return sb.toString();
  }

  @Test
  void ordersLikeTheCodePointSequencesIncludingSurrogatesAgainstPrivateUseCharacters() {
    Random r = new Random(2);
    for (int i = 0; i < 20000; i++) {
      String a = random(r);
      String b = random(r);
      int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
      assertEquals(expected, Integer.signum(CodePointOrder.compare(a, b)), a + " vs " + b);
    }
    // The case String.compareTo gets wrong: U+1F600 (a surrogate pair) sorts after U+FF21.
    assertTrue(CodePointOrder.compare("\uD83D\uDE00", "\uFF21") > 0);
    assertTrue("\uD83D\uDE00".compareTo("\uFF21") < 0);
  }
}
