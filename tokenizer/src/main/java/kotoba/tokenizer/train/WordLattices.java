package kotoba.tokenizer.train;

import java.util.Arrays;
import java.util.List;

/**
 * The lattices of one partition's words under one generation of the unigram model, kept on the executor between EM
 * passes (in the partition's {@link CorpusPartition#memo()}).
 *
 * <p>After seeding, EM only ever removes pieces. So a word's lattice under the next model is its lattice under this
 * one without the removed pieces' nodes, plus an unknown node wherever a character lost its last single-character
 * piece, which is exactly what {@link Lattice#reset} would build from the next model's trie. Rewriting the packed
 * nodes in place is a linear scan; building from the trie walks it at every position of every word, and that walk
 * was about half of each E-step.
 *
 * <p>A node is one int: bit 31 marks the first node at its start position (every position has one, a piece or an
 * unknown), bits 24..30 its length in code points, bits 0..23 its piece id + 1 (0 for unknown). Models with more pieces
 * or longer pieces than that holds are not cached ({@link #fits}).
 */
final class WordLattices {
  private static final int FIRST = 1 << 31;
  private static final int LENGTH_SHIFT = 24;
  private static final int MAX_LENGTH = 127;
  private static final int ID_MASK = (1 << LENGTH_SHIFT) - 1;
  /** Piece ids must stay below this so that id + 1 fits in the id bits. */
  static final int MAX_PIECES = ID_MASK;

  /** The model generation these nodes belong to; -1 while being rewritten, so a pass that died midway is not trusted. */
  private int generation;
  /** Word w's nodes are nodes[start[w] .. start[w + 1]). */
  private final int[] start;
  private final int[] length;
  private int[] nodes;

  private WordLattices(int generation, int[] start, int[] length, int[] nodes) {
    this.generation = generation;
    this.start = start;
    this.length = length;
    this.nodes = nodes;
  }

  /** Whether lattices over pieces this many and this long can be packed. */
  static boolean fits(int pieces, int maxPieceLength) {
    return pieces <= MAX_PIECES && maxPieceLength <= MAX_LENGTH;
  }

  /**
   * The lattices of {@code words} under the model with this trie and scores, built in {@code scratch}; null as soon as
   * they need more than {@code maxNodes} nodes (4 bytes each).
   */
  static WordLattices build(List<WeightedSentence> words, PieceTrie trie, double[] scores, double unkScore,
      int generation, Lattice scratch, long maxNodes) {
    long limit = Math.min(maxNodes, Integer.MAX_VALUE - 8);
    int n = words.size();
    int[] start = new int[n + 1];
    int[] length = new int[n];
    int[] nodes = new int[1024];
    int size = 0;
    for (int w = 0; w < n; w++) {
      start[w] = size;
      Lattice l = scratch.reset(CodePoints.of(words.get(w).text()), trie, scores, unkScore);
      length[w] = l.length();
      int count = l.nodeCount();
      if ((long) size + count > limit) return null;
      if (size + count > nodes.length) {
        nodes = Arrays.copyOf(nodes, (int) Math.min(limit, Math.max((long) size + count, nodes.length * 3L / 2)));
      }
      for (int i = 0; i < count; i++) {
        boolean first = i == 0 || l.begin(i) != l.begin(i - 1);
        nodes[size++] = pack(first, l.end(i) - l.begin(i), l.pieceId(i));
      }
    }
    start[n] = size;
    return new WordLattices(generation, start, length, Arrays.copyOf(nodes, size));
  }

  int generation() {
    return generation;
  }

  /** Nodes held. */
  int nodeCount() {
    return start[start.length - 1];
  }

  /**
   * Rewrites these lattices for the next model generation in place: {@code newIdOf[old piece id]} is the piece's id in
   * the next model, or -1 if it was removed. A position never gains nodes (an unknown node only replaces the removed
   * single-character piece), so the writes never overtake the reads.
   */
  void advance(int[] newIdOf, int nextGeneration) {
    generation = -1;
    int write = 0;
    int read = 0;
    for (int w = 0; w < length.length; w++) {
      int end = start[w + 1];
      start[w] = write;
      while (read < end) {
        int groupStart = write;
        boolean single = false;
        do {
          int node = nodes[read++];
          int id = (node & ID_MASK) - 1;
          int next = id < 0 ? Lattice.UNK : newIdOf[id];
          if (id >= 0 && next < 0) continue;
          int len = (node >>> LENGTH_SHIFT) & MAX_LENGTH;
          if (len == 1) single = true;
          nodes[write] = pack(write == groupStart, len, next);
          write++;
        } while (read < end && (nodes[read] & FIRST) == 0);
        if (!single) {
          nodes[write] = pack(write == groupStart, 1, Lattice.UNK);
          write++;
        }
      }
    }
    start[length.length] = write;
    generation = nextGeneration;
  }

  /** Refills {@code into} with word {@code w}'s lattice, scored by {@code scores} and {@code unkScore}. */
  Lattice fill(int w, Lattice into, double[] scores, double unkScore) {
    into.clear(length[w]);
    int pos = -1;
    for (int i = start[w], end = start[w + 1]; i < end; i++) {
      int node = nodes[i];
      if ((node & FIRST) != 0) pos++;
      int id = (node & ID_MASK) - 1;
      into.add(pos, pos + ((node >>> LENGTH_SHIFT) & MAX_LENGTH), id, id < 0 ? unkScore : scores[id]);
    }
    return into;
  }

  private static int pack(boolean first, int length, int id) {
    return (first ? FIRST : 0) | length << LENGTH_SHIFT | (id + 1);
  }
}
