package kotoba.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongCountsTest {
  @Test
  void sumsLikeAHashMapThroughManyResizes() {
    Random rnd = new Random(5);
    LongCounts counts = new LongCounts(4);
    Map<Long, Long> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // Small and clustered keys as well as wide ones: Fibonacci hashing must spread both.
      long key = i % 3 == 0 ? rnd.nextInt(5000) : rnd.nextLong();
      long v = 1 + rnd.nextInt(9);
      counts.add(key, v);
      expected.merge(key, v, Long::sum);
    }
    assertEquals(expected.size(), counts.size());
    Map<Long, Long> seen = new HashMap<>();
    counts.forEachTagged((k, v, tag) -> assertEquals(null, seen.put(k, v), "key visited twice"));
    assertEquals(expected, seen);
    for (Map.Entry<Long, Long> e : expected.entrySet()) assertEquals(e.getValue(), counts.get(e.getKey(), -1));
    assertEquals(-1, counts.get(123_456_789_012L, -1));
  }

  @Test
  void aTaggedMapKeepsEachKeysFirstTagThroughResizesAndIntoTheTopK() {
    LongCounts counts = new LongCounts(4, true);
    for (long key = 1; key <= 5000; key++) counts.add(key, key, key * 10);
    for (long key = 1; key <= 5000; key++) counts.add(key, 1, -1);
    counts.forEachTagged((key, total, tag) -> {
      assertEquals(key + 1, total);
      assertEquals(key * 10, tag);
    });
    LongTopK top = LongTopK.best(counts, (key, total) -> total, 3, 1);
    assertArrayEquals(new long[] {5000, 4999, 4998}, top.keys());
    assertArrayEquals(new long[] {50_000, 49_990, 49_980}, top.tags());
  }

  @Test
  void bucketedCountsSumAndTagLikeOneTableAndClearToNothing() {
    Random rnd = new Random(9);
    LongCounts plain = new LongCounts(4, true);
    BucketedLongCounts bucketed = new BucketedLongCounts(64);
    for (int i = 0; i < 300_000; i++) {
      long key = i % 2 == 0 ? rnd.nextInt(20_000) : rnd.nextLong();
      long v = 1 + rnd.nextInt(5);
      plain.add(key, v, i);
      bucketed.add(key, v, i);
    }
    Map<Long, long[]> expected = new HashMap<>();
    plain.forEachTagged((k, t, g) -> expected.put(k, new long[] {t, g}));
    Map<Long, long[]> got = new HashMap<>();
    bucketed.forEachTagged((k, t, g) -> assertEquals(null, got.put(k, new long[] {t, g}), "key visited twice"));
    assertEquals(expected.size(), got.size());
    assertEquals(plain.size(), bucketed.size());
    for (Map.Entry<Long, long[]> e : expected.entrySet()) assertArrayEquals(e.getValue(), got.get(e.getKey()));
    LongScore byTotal = (key, total) -> total;
    LongTopK a = LongTopK.best(plain, byTotal, 50, 2);
    LongTopK b = LongTopK.best(bucketed, byTotal, 50, 2);
    assertArrayEquals(a.keys(), b.keys());
    assertArrayEquals(a.tags(), b.tags());
    bucketed.clear();
    assertEquals(0, bucketed.size());
    bucketed.forEachTagged((k, t, g) -> { throw new AssertionError("left after clear: " + k); });
  }

  @Test
  void clearKeepsNothing() {
    LongCounts counts = new LongCounts(16);
    counts.add(1, 2);
    counts.clear();
    assertEquals(0, counts.size());
    assertEquals(-7, counts.get(1, -7));
  }

  @Test
  void rejectsTheReservedKey() {
    assertThrows(IllegalArgumentException.class, () -> new LongCounts(4).add(LongCounts.EMPTY, 1));
  }

  @Test
  void topKOrdersByScoreThenKeyAndMergesPartitions() {
    LongCounts a = new LongCounts(4);
    LongCounts b = new LongCounts(4);
    long[][] data = {{10, 5}, {11, 7}, {12, 5}, {13, 1}, {20, 9}, {21, 5}, {22, 1}};
    for (long[] kv : data) (kv[0] < 20 ? a : b).add(kv[0], kv[1]);
    LongScore byTotal = (key, total) -> total;
    LongTopK merged = LongTopK.merge(LongTopK.best(a, byTotal, 4, 2), LongTopK.best(b, byTotal, 4, 2), 4);
    // 13 and 22 are below minTotal; the three tied at 5 keep their key order and the cut falls inside the tie.
    assertArrayEquals(new long[] {20, 11, 10, 12}, merged.keys());
    assertArrayEquals(new long[] {9, 7, 5, 5}, merged.totals());
    assertArrayEquals(new long[] {20, 11, 10, 12, 21}, LongTopK.merge(
        LongTopK.best(a, byTotal, 10, 2), LongTopK.best(b, byTotal, 10, 2), 10).keys());
  }
}
