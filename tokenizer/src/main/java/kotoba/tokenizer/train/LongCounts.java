package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A hash map from long keys to summed long totals with open addressing over primitive arrays: the seed-substring
 * count touches tens of millions of keys, and boxed maps spent most of their time chasing pointers.
 *
 * <p>Key {@link #EMPTY} ({@code Long.MIN_VALUE}) is reserved; callers' fingerprints never produce it. A tagged map
 * also keeps, per key, the tag of the first addition: seed counting tags each substring with the word it came from,
 * so the few chosen substrings can be spelled out later without enumerating every word's substrings again.
 */
public final class LongCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private long[] totals;
  /** Null unless tagged. */
  private long[] tags;
  private int size;
  private int mask;
  private int shift;

  public LongCounts(int expected) {
    this(expected, false);
  }

  public LongCounts(int expected, boolean tagged) {
    int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
    keys = new long[cap];
    totals = new long[cap];
    if (tagged) tags = new long[cap];
    Arrays.fill(keys, EMPTY);
    mask = cap - 1;
    shift = 64 - Integer.numberOfTrailingZeros(cap);
  }

  public int size() {
    return size;
  }

  /** Adds {@code value} to the total of {@code key}. */
  public void add(long key, long value) {
    add(key, value, 0);
  }

  /** Adds {@code value} to the total of {@code key}; a tagged map keeps {@code tag} if the key is new. */
  public void add(long key, long value, long tag) {
    if (key == EMPTY) throw new IllegalArgumentException("reserved key");
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        totals[i] += value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        totals[i] = value;
        if (tags != null) tags[i] = tag;
        if (++size * 4L > keys.length * 3L) grow();
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** The total of {@code key}, or {@code absent} if the key was never added. */
  public long get(long key, long absent) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) return totals[i];
      if (k == EMPTY) return absent;
      i = (i + 1) & mask;
    }
  }

  /** Empties the map, keeping its capacity. */
  public void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  /** Calls {@code visitor} once per key with its total and tag (0 in an untagged map), in no particular order. */
  public void forEachTagged(LongTagSink visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) visitor.add(keys[i], totals[i], tags == null ? 0 : tags[i]);
    }
  }

  private int slot(long key) {
    // Fibonacci hashing: the top bits of key × 2^64/φ, good for any keys, not just well-mixed fingerprints.
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldTotals = totals;
    long[] oldTags = tags;
    keys = new long[oldKeys.length * 2];
    totals = new long[oldKeys.length * 2];
    if (oldTags != null) tags = new long[keys.length];
    Arrays.fill(keys, EMPTY);
    mask = keys.length - 1;
    shift--;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) add(oldKeys[i], oldTotals[i], oldTags == null ? 0 : oldTags[i]);
    }
  }
}
