package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.List;

/**
 * A code-point trie over vocabulary pieces answering "which pieces start here", for building lattices. Stored in flat
 * primitive arrays so it is compact and cheap to ship to executors with an E-step.
 */
public final class PieceTrie implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long EMPTY = -1L;

  /** Open-addressing table from (node, code point) to child node. */
  private long[] keys;
  private int[] children;
  private int mask;
  private int size;
  /** Piece id ending at each node, or -1. */
  private int[] pieceAt = new int[16];
  private int nodes = 1;
  private int maxDepth;

  public PieceTrie(List<String> pieces) {
    // About one edge per piece once the pieces share prefixes; the table doubles past half full. An oversized table
    // costs cache misses on every lookup and megabytes in every E-step broadcast.
    int cap = Integer.highestOneBit(Math.max(16, pieces.size() * 2)) * 2;
    keys = new long[cap];
    java.util.Arrays.fill(keys, EMPTY);
    children = new int[cap];
    mask = cap - 1;
    java.util.Arrays.fill(pieceAt, -1);
    for (int id = 0; id < pieces.size(); id++) insert(pieces.get(id), id);
  }

  /** Length in code points of the longest piece. */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Finds the pieces that match {@code word} starting at {@code begin}; writes their ids and lengths (in code points)
   * shortest first and returns how many there are.
   */
  public int matches(int[] word, int begin, int[] ids, int[] lengths) {
    int node = 0;
    int n = 0;
    for (int i = begin; i < word.length; i++) {
      node = child(node, word[i]);
      if (node < 0) break;
      if (pieceAt[node] >= 0) {
        ids[n] = pieceAt[node];
        lengths[n] = i - begin + 1;
        n++;
      }
    }
    return n;
  }

  private void insert(String piece, int id) {
    int node = 0;
    int depth = 0;
    for (int i = 0; i < piece.length(); ) {
      int cp = piece.codePointAt(i);
      i += Character.charCount(cp);
      depth++;
      int next = child(node, cp);
      if (next < 0) {
        next = nodes++;
        if (next >= pieceAt.length) {
          int old = pieceAt.length;
          pieceAt = java.util.Arrays.copyOf(pieceAt, old * 2);
          java.util.Arrays.fill(pieceAt, old, pieceAt.length, -1);
        }
        put(node, cp, next);
      }
      node = next;
    }
    if (depth == 0) return;
    pieceAt[node] = id;
    maxDepth = Math.max(maxDepth, depth);
  }

  private static long key(int node, int cp) {
    return ((long) node << 21) | cp;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }

  private int child(int node, int cp) {
    long k = key(node, cp);
    for (int s = slot(k, mask); ; s = (s + 1) & mask) {
      long at = keys[s];
      if (at == k) return children[s];
      if (at == EMPTY) return -1;
    }
  }

  private void put(int node, int cp, int childNode) {
    if ((size + 1) * 2 > keys.length) grow();
    long k = key(node, cp);
    int s = slot(k, mask);
    while (keys[s] != EMPTY) s = (s + 1) & mask;
    keys[s] = k;
    children[s] = childNode;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldChildren = children;
    keys = new long[oldKeys.length * 2];
    java.util.Arrays.fill(keys, EMPTY);
    children = new int[keys.length];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] == EMPTY) continue;
      int s = slot(oldKeys[i], mask);
      while (keys[s] != EMPTY) s = (s + 1) & mask;
      keys[s] = oldKeys[i];
      children[s] = oldChildren[i];
    }
  }
}
