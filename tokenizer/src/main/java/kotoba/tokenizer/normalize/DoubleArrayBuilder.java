package kotoba.tokenizer.normalize;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Builds a {@link DoubleArray} in darts-clone's unit format from byte-string keys, so spm can read what we build.
 *
 * <p>This is a plain trie-to-double-array packer (first fit, unique base per node), not darts-clone's DAWG
 * builder: the arrays are larger than darts-clone's, but lookups follow exactly the same rules. Unused units
 * carry bit 31 so that no probe, including one for a NUL byte, can match them.
 */
public final class DoubleArrayBuilder {
  /** Offsets below 2^21 need no scaling; staying below it keeps the encoding simple. */
  private static final int MAX_UNITS = 1 << 21;
  private static final int UNUSED = 0x80000000;

  private int[] units = new int[1024];
  private boolean[] used = new boolean[1024];
  private boolean[] usedBase = new boolean[1024];
  private int firstFree = 256;
  /** Union-find "next free slot at or after i" links, so base search skips runs of used slots. */
  private int[] nextFree = new int[1024];

  private DoubleArrayBuilder() {}

  /**
   * Builds a trie of {@code keys} (no NUL bytes, no duplicates) mapping each to the value at the same index
   * (0 .. 2^31-1).
   */
  public static DoubleArray build(byte[][] keys, int[] values) {
    if (keys.length != values.length) throw new IllegalArgumentException("keys and values differ in length");
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      if (keys[i].length == 0) throw new IllegalArgumentException("empty key at index " + i);
      for (byte b : keys[i]) {
        if (b == 0) throw new IllegalArgumentException("key at index " + i + " contains a NUL byte");
      }
      if (values[i] < 0) throw new IllegalArgumentException("negative value at index " + i);
    }
    Comparator<Integer> byKey = (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]);
    Arrays.sort(order, byKey);
    byte[][] k = new byte[keys.length][];
    int[] v = new int[keys.length];
    for (int i = 0; i < order.length; i++) {
      k[i] = keys[order[i]];
      v[i] = values[order[i]];
      if (i > 0 && Arrays.equals(k[i], k[i - 1])) {
        throw new IllegalArgumentException("duplicate key " + Arrays.toString(k[i]));
      }
    }
    return new DoubleArrayBuilder().pack(k, v);
  }

  private DoubleArray pack(byte[][] keys, int[] values) {
    Arrays.fill(units, UNUSED);
    units[0] = 0;
    for (int i = 0; i < nextFree.length; i++) nextFree[i] = i;
    // Block 0 holds only the root, so no base below 256 exists and no probe can land on the root.
    for (int i = 0; i < 256; i++) used[i] = true;
    int end = 256;
    ArrayDeque<int[]> queue = new ArrayDeque<>(); // {node position, first key, end key, depth}
    queue.add(new int[] {0, 0, keys.length, 0});
    int[] labels = new int[257];
    while (!queue.isEmpty()) {
      int[] item = queue.poll();
      int node = item[0], lo = item[1], hi = item[2], depth = item[3];
      int n = 0;
      boolean terminal = lo < hi && keys[lo].length == depth;
      if (terminal) labels[n++] = 0;
      for (int i = terminal ? lo + 1 : lo; i < hi; i++) {
        int b = keys[i][depth] & 0xFF;
        if (n == 0 || labels[n - 1] != b) labels[n++] = b;
      }
      if (n == 0) continue;
      int base = findBase(labels, n);
      usedBase[base] = true;
      setOffset(node, node ^ base);
      if (terminal) units[node] |= 1 << 8;
      int i = lo;
      for (int c = 0; c < n; c++) {
        int pos = base ^ labels[c];
        used[pos] = true;
        nextFree[pos] = pos + 1;
        end = Math.max(end, pos + 1);
        if (labels[c] == 0) {
          units[pos] = values[lo] | 0x80000000;
          i = lo + 1;
          continue;
        }
        units[pos] = labels[c];
        int j = i;
        while (j < hi && (keys[j][depth] & 0xFF) == labels[c]) j++;
        queue.add(new int[] {pos, i, j, depth + 1});
        i = j;
      }
      firstFree = findFree(firstFree);
    }
    // Round up to a whole 256-unit block so that any probe base ^ b stays inside the array.
    int size = (end + 255) & ~255;
    return new DoubleArray(Arrays.copyOf(units, size));
  }

  private int findBase(int[] labels, int n) {
    for (int free = findFree(firstFree); ; free = findFree(free + 1)) {
      ensure(free + 512);
      int base = free ^ labels[0];
      if (base < 256 || usedBase[base]) continue;
      boolean ok = true;
      for (int c = 1; c < n && ok; c++) ok = !used[base ^ labels[c]];
      if (ok) return base;
    }
  }

  private int findFree(int i) {
    ensure(i + 512);
    int root = i;
    while (nextFree[root] != root) {
      root = nextFree[root];
      ensure(root + 512);
    }
    while (nextFree[i] != root) {
      int nx = nextFree[i];
      nextFree[i] = root;
      i = nx;
    }
    return root;
  }

  private void setOffset(int node, int offset) {
    if (offset >= MAX_UNITS) throw new IllegalStateException("double array too large for darts-clone offsets");
    units[node] = (units[node] & (0x800000FF | 1 << 8)) | offset << 10;
  }

  private void ensure(int size) {
    if (size <= units.length) return;
    if (size > MAX_UNITS) throw new IllegalStateException("double array exceeds " + MAX_UNITS + " units");
    int n = Math.min(MAX_UNITS, Math.max(size, units.length * 2));
    int old = units.length;
    units = Arrays.copyOf(units, n);
    Arrays.fill(units, old, n, UNUSED);
    used = Arrays.copyOf(used, n);
    usedBase = Arrays.copyOf(usedBase, n);
    nextFree = Arrays.copyOf(nextFree, n);
    for (int i = old; i < n; i++) nextFree[i] = i;
  }
}
