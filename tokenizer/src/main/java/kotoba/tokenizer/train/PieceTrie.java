package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A code-point trie over vocabulary pieces answering "which pieces start here", for building lattices: the E-step
 * and pruning walk it at every position of every word, so it is laid out for lookups, not for updates.
 *
 * <p>Nodes are numbered breadth first, so the children of a node are consecutive node ids, sorted by code point:
 * node n's children are {@code first[n] .. first[n + 1] - 1} and {@code label[c]} is the code point leading to child
 * c. A lookup scans or binary-searches one short contiguous run instead of probing a hash table keyed by (node, code
 * point), whose every probe was a cache miss. The root and the wide nodes just below it (every word starts with ▁,
 * whose children are most of the alphabet) also get a direct table over the alphabet's BMP code points, so the lookups
 * every position starts with take two loads instead of a binary search.
 */
public final class PieceTrie implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Runs up to this long are scanned; longer ones are binary-searched. */
  private static final int SCAN = 8;

  /** Runs this long or longer at depth 0 and 1 get a direct table, if they fill at least 1/16 of it. */
  private static final int WIDE = 16;

  /** Dense symbol (1..) of each BMP code point up to the largest label, 0 for code points no piece uses. */
  private final int[] symbolOf;
  /** Offset of the direct table of each node below first[1] (the root and depth 1), or -1. */
  private final int[] denseBase;
  /** Direct tables: child id at offset + symbol, 0 for none (the root is never a child). */
  private final int[] dense;
  /** Children of node n are first[n] .. first[n + 1] - 1; one entry per node plus the end. */
  private final int[] first;
  /** The code point on the edge into each node. */
  private final int[] label;
  /** Piece id ending at each node, or -1. */
  private final int[] pieceAt;
  private final int maxDepth;

  public PieceTrie(List<String> pieces) {
    int n = pieces.size();
    int[][] keys = new int[n][];
    long chars = 1;
    int deepest = 0;
    for (int i = 0; i < n; i++) {
      keys[i] = CodePoints.of(pieces.get(i));
      chars += keys[i].length;
      deepest = Math.max(deepest, keys[i].length);
    }
    maxDepth = deepest;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) sorted = Arrays.compare(keys[i - 1], keys[i]) <= 0;
    if (!sorted) {
      // The unigram trainer's pieces come sorted already; others pay for a boxed sort. Stable, so of two equal pieces
      // the later id wins, as repeated insertion would have it.
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) boxed[i] = i;
      Arrays.sort(boxed, (a, b) -> Arrays.compare(keys[a], keys[b]));
      for (int i = 0; i < n; i++) order[i] = boxed[i];
    }

    // Breadth first over ranges of the sorted keys: node v covers order[lo[v] .. hi[v]), which share depth[v] code
    // points; its children are created in code-point order and get the next free ids, hence consecutive.
    int cap = (int) Math.min(Integer.MAX_VALUE - 8, chars + 1);
    int[] lo = new int[cap];
    int[] hi = new int[cap];
    int[] depth = new int[cap];
    int[] firstOf = new int[cap + 1];
    int[] labels = new int[cap];
    int[] ends = new int[cap];
    lo[0] = 0;
    hi[0] = n;
    int nodes = 1;
    for (int v = 0; v < nodes; v++) {
      int d = depth[v];
      int i = lo[v];
      ends[v] = -1;
      // Pieces ending here sort first; the empty piece matches nothing, so the root never holds one.
      while (i < hi[v] && keys[order[i]].length == d) {
        if (d > 0) ends[v] = order[i];
        i++;
      }
      firstOf[v] = nodes;
      while (i < hi[v]) {
        int cp = keys[order[i]][d];
        int j = i + 1;
        while (j < hi[v] && keys[order[j]][d] == cp) j++;
        lo[nodes] = i;
        hi[nodes] = j;
        depth[nodes] = d + 1;
        labels[nodes] = cp;
        nodes++;
        i = j;
      }
    }
    firstOf[nodes] = nodes;
    first = Arrays.copyOf(firstOf, nodes + 1);
    label = Arrays.copyOf(labels, nodes);
    pieceAt = Arrays.copyOf(ends, nodes);

    int maxBmp = -1;
    for (int c = 1; c < nodes; c++) if (label[c] < 0x10000) maxBmp = Math.max(maxBmp, label[c]);
    symbolOf = new int[maxBmp + 1];
    int symbols = 0;
    for (int c = 1; c < nodes; c++) {
      if (label[c] < 0x10000 && symbolOf[label[c]] == 0) symbolOf[label[c]] = ++symbols;
    }
    int top = nodes > 1 ? first[1] : 1;
    denseBase = new int[top];
    int size = 0;
    for (int v = 0; v < top; v++) {
      int fanOut = first[v + 1] - first[v];
      boolean wide = fanOut >= WIDE && fanOut * 16L >= symbols;
      denseBase[v] = wide ? size : -1;
      if (wide) size += symbols + 1;
    }
    dense = new int[size];
    for (int v = 0; v < top; v++) {
      if (denseBase[v] < 0) continue;
      for (int c = first[v]; c < first[v + 1]; c++) {
        if (label[c] < 0x10000) dense[denseBase[v] + symbolOf[label[c]]] = c;
      }
    }
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
    if (begin >= word.length) return 0;
    int node = child(0, word[begin]);
    int n = 0;
    for (int i = begin; node > 0; ) {
      int id = pieceAt[node];
      if (id >= 0) {
        ids[n] = id;
        lengths[n] = i - begin + 1;
        n++;
      }
      if (++i >= word.length) break;
      node = child(node, word[i]);
    }
    return n;
  }

  /** The child of {@code node} along code point {@code cp}, or -1. */
  private int child(int node, int cp) {
    if (node < denseBase.length && denseBase[node] >= 0 && cp < 0x10000) {
      int c = cp < symbolOf.length ? dense[denseBase[node] + symbolOf[cp]] : 0;
      return c == 0 ? -1 : c;
    }
    int lo = first[node];
    int hi = first[node + 1];
    if (hi - lo <= SCAN) {
      for (int c = lo; c < hi; c++) {
        int l = label[c];
        if (l == cp) return c;
        if (l > cp) return -1;
      }
      return -1;
    }
    hi--;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int l = label[mid];
      if (l < cp) lo = mid + 1;
      else if (l > cp) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}
