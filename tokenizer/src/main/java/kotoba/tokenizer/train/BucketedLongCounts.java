package kotoba.tokenizer.train;

import java.io.Serializable;

/**
 * A tagged {@link LongCounts} split into buckets by key, with additions buffered per bucket and applied a buffer at
 * a time. Seed counting adds tens of millions of keys to a table far larger than the caches, and one table missed the
 * cache on nearly every addition; a bucket's table is small enough that a burst of additions to it mostly hits.
 */
public final class BucketedLongCounts implements LongTagSink, Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BUCKET_BITS = 8;
  private static final int BUCKETS = 1 << BUCKET_BITS;
  /** Triples buffered per bucket before they are applied. */
  private static final int BUFFER = 512;

  private final LongCounts[] tables = new LongCounts[BUCKETS];
  private final long[][] pending = new long[BUCKETS][];
  private final int[] fill = new int[BUCKETS];
  private int size;

  public BucketedLongCounts(int expected) {
    for (int b = 0; b < BUCKETS; b++) {
      tables[b] = new LongCounts(Math.max(16, expected / BUCKETS), true);
      pending[b] = new long[3 * BUFFER];
    }
  }

  /** Adds {@code value} to the total of {@code key}, keeping the tag of the key's first addition. */
  @Override
  public void add(long key, long value, long tag) {
    if (key == LongCounts.EMPTY) throw new IllegalArgumentException("reserved key");
    // Middle bits of the Fibonacci product: LongCounts picks slots from the top bits, so within a bucket they vary.
    int b = (int) ((key * 0x9E3779B97F4A7C15L) >>> 24) & (BUCKETS - 1);
    long[] p = pending[b];
    int f = fill[b];
    p[f] = key;
    p[f + 1] = value;
    p[f + 2] = tag;
    fill[b] = f += 3;
    if (f == p.length) apply(b);
  }

  /** Distinct keys so far, not counting those still buffered (see {@link #flush}). */
  public int size() {
    return size;
  }

  /** Applies every buffered addition, so that {@link #size} counts every key. */
  public void flush() {
    for (int b = 0; b < BUCKETS; b++) apply(b);
  }

  /** Calls {@code visitor} once per key with its total and first tag, in no particular order. */
  public void forEachTagged(LongTagSink visitor) {
    flush();
    for (LongCounts t : tables) t.forEachTagged(visitor);
  }

  /** Empties the map, keeping its capacity. */
  public void clear() {
    for (int b = 0; b < BUCKETS; b++) {
      tables[b].clear();
      fill[b] = 0;
    }
    size = 0;
  }

  private void apply(int b) {
    LongCounts t = tables[b];
    long[] p = pending[b];
    int before = t.size();
    for (int i = 0; i < fill[b]; i += 3) t.add(p[i], p[i + 1], p[i + 2]);
    size += t.size() - before;
    fill[b] = 0;
  }
}
