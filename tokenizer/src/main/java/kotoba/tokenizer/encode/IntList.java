package kotoba.tokenizer.encode;

import java.util.Arrays;

/** A growable int array, so encoders produce {@code int[]} without boxing. */
final class IntList {
  private int[] a;
  private int n;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (n == a.length) a = Arrays.copyOf(a, n * 2);
    a[n++] = v;
  }

  int size() {
    return n;
  }

  int get(int i) {
    return a[i];
  }

  int[] toArray() {
    return Arrays.copyOf(a, n);
  }
}
