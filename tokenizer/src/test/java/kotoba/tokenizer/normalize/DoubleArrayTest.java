package kotoba.tokenizer.normalize;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleArrayTest {
  @Test
  void lookupsAgreeWithAHashMapOnRandomKeys() {
    Random r = new Random(11);
    Map<String, Integer> map = new HashMap<>();
    String alphabet = "ab▁東京xé";
    while (map.size() < 2000) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(6);
      for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      map.putIfAbsent(b.toString(), map.size() * 7);
    }
    byte[][] keys = map.keySet().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int[] values = map.keySet().stream().mapToInt(map::get).toArray();
    DoubleArray da = DoubleArrayBuilder.build(keys, values);
    for (int trial = 0; trial < 5000; trial++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(8);
      for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      String q = b.toString();
      byte[] qb = q.getBytes(StandardCharsets.UTF_8);
      assertEquals(map.getOrDefault(q, -1), da.exactMatch(qb, 0, qb.length), q);
      long best = -1;
      for (int end = 1; end <= qb.length; end++) {
        Integer v = map.get(new String(qb, 0, end, StandardCharsets.UTF_8));
        if (v != null && new String(qb, 0, end, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length == end) {
          best = (long) end << 32 | v;
        }
      }
      assertEquals(best, da.longestPrefix(qb, 0, qb.length), q);
    }
  }

  @Test
  void nulAndUnknownBytesNeverMatch() {
    DoubleArray da = DoubleArrayBuilder.build(new byte[][] {{'a'}, {'a', 'b'}}, new int[] {1, 2});
    assertEquals(-1, da.exactMatch(new byte[] {'a', 0}, 0, 2));
    assertEquals(-1, da.exactMatch(new byte[] {0}, 0, 1));
    assertEquals(-1, da.exactMatch(new byte[] {(byte) 0xFF, 'a'}, 0, 2));
    assertEquals(2, da.exactMatch(new byte[] {'a', 'b'}, 0, 2));
  }

  @Test
  void builderRejectsBadKeys() {
    assertThrows(IllegalArgumentException.class, () -> DoubleArrayBuilder.build(new byte[][] {{'a', 0}}, new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> DoubleArrayBuilder.build(new byte[][] {{'a'}, {'a'}}, new int[] {0, 1}));
  }

  @Test
  void corruptArraysGiveNoMatchInsteadOfExceptions() {
    Random r = new Random(5);
    int[] units = new int[300];
    for (int i = 0; i < units.length; i++) units[i] = r.nextInt();
    DoubleArray da = new DoubleArray(units);
    byte[] q = new byte[50];
    for (int t = 0; t < 200; t++) {
      r.nextBytes(q);
      da.longestPrefix(q, 0, q.length); // must not throw
    }
  }
}
