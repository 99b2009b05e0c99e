package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PieceTrieTest {
  /** Pieces matching {@code word} at {@code begin} by brute force: (id, length) sorted by length. */
  private static List<String> bruteForce(List<String> pieces, int[] word, int begin) {
    List<String> out = new ArrayList<>();
    for (int len = 1; begin + len <= word.length; len++) {
      String s = new String(word, begin, len);
      int id = pieces.lastIndexOf(s);
      if (id >= 0) out.add(id + ":" + len);
    }
    return out;
  }

  private static List<String> viaTrie(PieceTrie trie, int[] word, int begin) {
    int[] ids = new int[trie.maxDepth() + 1];
    int[] lens = new int[trie.maxDepth() + 1];
    int n = trie.matches(word, begin, ids, lens);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(ids[i] + ":" + lens[i]);
    return out;
  }

  @Test
  void findsExactlyThePiecesThatStartAtEachPositionOverWideAndNarrowFanOuts() {
    // An alphabet mixing ASCII, ▁, kana, kanji and code points outside the BMP, wide enough (> 16) that the root and
    // the first characters get direct tables, with their binary-search fallback for non-BMP code points, while deeper
    // nodes have short scanned runs and long binary-searched ones.
    int[] alphabet = new int[40];
    int[] specials = {0x2581, 0x3042, 0x30A2, 0x4E00, 0x65E5, 0x1F600, 0x20000};
    for (int i = 0; i < alphabet.length; i++) alphabet[i] = i < 33 ? 'a' + i : specials[i - 33];
    Random rnd = new Random(7);
    Set<String> set = new LinkedHashSet<>();
    for (int c : alphabet) set.add(new String(new int[] {c}, 0, 1));
    while (set.size() < 1500) {
      int len = 2 + rnd.nextInt(6);
      int[] cps = new int[len];
      for (int i = 0; i < len; i++) cps[i] = alphabet[i < 2 ? rnd.nextInt(alphabet.length) : alphabet.length - 1 - rnd.nextInt(12)];
      set.add(new String(cps, 0, len));
    }
    List<String> pieces = new ArrayList<>(set);
    PieceTrie trie = new PieceTrie(pieces);
    assertEquals(7, trie.maxDepth());
    int checked = 0;
    for (int w = 0; w < 300; w++) {
      int[] word = new int[1 + rnd.nextInt(12)];
      for (int i = 0; i < word.length; i++) word[i] = alphabet[i % 4 < 2 ? rnd.nextInt(alphabet.length) : alphabet.length - 1 - rnd.nextInt(12)];
      for (int b = 0; b < word.length; b++) {
        List<String> want = bruteForce(pieces, word, b);
        assertEquals(want, viaTrie(trie, word, b), "word " + new String(word, 0, word.length) + " at " + b);
        checked += want.size();
      }
    }
    assertEquals(true, checked > 1000, "too few matches to mean anything: " + checked);
  }

  @Test
  void unknownCharactersAndTheEmptyPieceMatchNothing() {
    PieceTrie trie = new PieceTrie(List.of("", "ab", "a"));
    int[] word = "xab\uD83D\uDE00".codePoints().toArray();
    assertEquals(List.of(), viaTrie(trie, word, 0));
    assertEquals(List.of("2:1", "1:2"), viaTrie(trie, word, 1));
    assertEquals(List.of(), viaTrie(trie, word, 3));
  }

  @Test
  void ofTwoEqualPiecesTheLaterIdWins() {
    PieceTrie trie = new PieceTrie(List.of("ab", "b", "ab"));
    assertEquals(List.of("2:2"), viaTrie(trie, "ab".codePoints().toArray(), 0));
  }
}
