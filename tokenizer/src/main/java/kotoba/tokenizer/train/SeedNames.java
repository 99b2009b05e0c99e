package kotoba.tokenizer.train;

import java.io.Serializable;

/**
 * Spells out the chosen seed fingerprints in one cheap pass over the words: each fingerprint carries the tag it was
 * counted with (its word's hash and its start, {@link SubstringFingerprints#tag}), so a word that no chosen
 * fingerprint names is skipped after one hash, and a named one is cut at the tagged positions. Enumerating every
 * word's substrings a second time cost as much as counting them.
 */
final class SeedNames implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SubstringFingerprints candidates;
  private final long[] keys;
  private final long[] tags;
  /** Word tag to the first index (+1) of the chosen fingerprints tagged with that word. */
  private final LongCounts firstOfWord;
  /** The next index (+1) tagged with the same word, 0 at the end of a word's chain. */
  private final int[] nextOfWord;

  SeedNames(SubstringFingerprints candidates, LongTopK chosen) {
    this.candidates = candidates;
    this.keys = chosen.keys();
    this.tags = chosen.tags();
    int k = keys.length;
    firstOfWord = new LongCounts(Math.max(16, k / 4));
    nextOfWord = new int[k];
    for (int i = k - 1; i >= 0; i--) {
      long word = candidates.tagWord(tags[i]);
      long first = firstOfWord.get(word, 0);
      nextOfWord[i] = (int) first;
      firstOfWord.add(word, i + 1 - first); // the map sums, so this sets the word's head to i + 1
    }
  }

  int size() {
    return keys.length;
  }

  /** Fills in the names of the chosen fingerprints {@code word} was tagged with; {@code acc} is grown on first use. */
  String[] add(String[] acc, WeightedSentence word) {
    int first = (int) firstOfWord.get(candidates.wordTag(word.text()), 0);
    if (first == 0) return acc;
    String[] found = acc.length == keys.length ? acc : new String[keys.length];
    int[] cps = CodePoints.of(word.text());
    for (int i = first - 1; i >= 0; i = nextOfWord[i] - 1) {
      if (found[i] != null) continue;
      int len = candidates.length(keys[i]);
      int start = candidates.tagStart(tags[i]);
      if (start < 0) {
        // Seen too far into a very long word for the tag to say where: look for it anywhere in the word.
        long key = keys[i];
        int at = i;
        candidates.forEach(word.text(), (f, c, s, l) -> {
          if (f == key && found[at] == null) found[at] = new String(c, s, l);
        });
      } else if (start + len <= cps.length && candidates.fingerprint(cps, start, len) == keys[i]) {
        // The check skips another word that shares this word's hash.
        found[i] = new String(cps, start, len);
      }
    }
    return found;
  }

  static String[] merge(String[] a, String[] b) {
    if (a.length < b.length) return b;
    if (b.length < a.length) return a;
    for (int i = 0; i < b.length; i++) if (a[i] == null) a[i] = b[i];
    return a;
  }

  /** {@code names} once every chosen fingerprint has one. */
  String[] complete(String[] names) {
    for (int i = 0; i < keys.length; i++) {
      if (names.length < keys.length || names[i] == null) {
        // A tag names a word the fingerprint was counted in, and the same words are visited again.
        throw new IllegalStateException(
            "seed substring " + i + " of " + keys.length + " not found in the word that counted it");
      }
    }
    return names;
  }
}
