package kotoba.tokenizer.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * Trains a BPE vocabulary the way spm's bpe_model_trainer.cc does: start from the required characters, repeatedly
 * merge the most frequent adjacent pair of symbols inside words (ties: shorter piece, then code-point order), never
 * across a script/number/whitespace boundary the piece rules forbid and never through an unknown character; score =
 * -rank; the required characters follow the merges.
 *
 * <p>Distribution trade-off. Counting pairs with a corpus pass per merge would take tens of thousands of passes, so
 * the corpus is scanned once: {@link SentenceCorpus#topKeys} returns the {@code maxWords} most frequent words with
 * their counts, and the merges run on the driver over that word table, exactly as spm does after splitting sentences
 * into words. Driver memory is O(maxWords × word length) plus the pair tables; a word outside the cap is ignored,
 * which can only change merges whose pair counts are comparable to the counts of those rarest words (the log reports
 * the lowest count kept). spm holds every distinct word; set maxWords above the corpus's distinct word count for
 * identical input.
 *
 * <p>spm picks the best pair from an "active" top-5% set refreshed every 100 merges; we keep exact pair counts in a
 * lazily invalidated heap, so our choice is always the true maximum and may differ from spm's in rare cases.
 */
public final class BpeTrainer {
  /** Default cap on distinct words held by the driver. */
  public static final int DEFAULT_MAX_WORDS = 2_000_000;

  private final TrainerSpec spec;
  private final int maxWords;

  public BpeTrainer(TrainerSpec spec) {
    this(spec, DEFAULT_MAX_WORDS);
  }

  public BpeTrainer(TrainerSpec spec, int maxWords) {
    if (maxWords <= 0) throw new TrainingRejectedException("maxWords must be > 0, got " + maxWords);
    this.spec = spec;
    this.maxWords = maxWords;
  }

  public TrainingResult train(SentenceCorpus input) {
    TrainingCorpus tc = TrainingCorpus.prepare(spec, TrainerSpec.ModelType.BPE, input);
    SentencePreparer prep = tc.preparer();
    List<KeyCount> words =
        tc.corpus()
            .topKeys(
                s -> {
                  List<KeyCount> out = new ArrayList<>();
                  for (String w : prep.words(s)) out.add(new KeyCount(w, s.count()));
                  return out;
                },
                (key, total) -> total,
                maxWords,
                1);
    TrainLog.info(
        "bpe words distinct=" + words.size() + " (cap " + maxWords + ") lowest_count="
            + (words.isEmpty() ? 0 : words.get(words.size() - 1).count()));

    int merges = tc.meta().learnedSlots() - tc.requiredChars().size();
    List<String> merged = new Merger(tc.validator(), tc.requiredChars(), words).run(merges);

    List<Piece> learned = new ArrayList<>(merged.size() + tc.requiredChars().size());
    for (String m : merged) learned.add(new Piece(m, -learned.size(), PieceType.NORMAL));
    for (RequiredChars.CharCount c : tc.requiredChars()) {
      learned.add(new Piece(c.string(), -learned.size(), PieceType.NORMAL));
    }
    return new TrainingResult(tc.meta().assemble(learned, spec.hardVocabLimit()), tc.stats());
  }

  /** The merge loop over an in-memory word table. */
  static final class Merger {
    private final PieceValidator validator;
    private final List<String> symbols = new ArrayList<>();
    private final List<int[]> symbolChars = new ArrayList<>();
    private final Map<String, Integer> symbolIds = new HashMap<>();
    private final int unk;
    private final int[][] words;
    private final long[] counts;

    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, List<Integer>> pairWords = new HashMap<>();
    /** Pairs that may not merge: invalid pieces, unknown characters, or a string another merge already made. */
    private final Set<Long> banned = new HashSet<>();
    private final Set<Long> allowed = new HashSet<>();
    private final PriorityQueue<long[]> heap; // {count, pair}

    Merger(PieceValidator validator, List<RequiredChars.CharCount> chars, List<KeyCount> wordCounts) {
      this.validator = validator;
      for (RequiredChars.CharCount c : chars) symbolId(c.string());
      unk = symbolId(new String(Character.toChars(PieceValidator.UNK_CHAR)));
      words = new int[wordCounts.size()][];
      counts = new long[wordCounts.size()];
      for (int i = 0; i < words.length; i++) {
        int[] cps = wordCounts.get(i).key().codePoints().toArray();
        int[] syms = new int[cps.length];
        for (int j = 0; j < cps.length; j++) syms[j] = symbolId(new String(Character.toChars(cps[j])));
        words[i] = syms;
        counts[i] = wordCounts.get(i).count();
      }
      heap = new PriorityQueue<>(this::better);
      for (int i = 0; i < words.length; i++) {
        for (int j = 0; j + 1 < words[i].length; j++) {
          long p = pair(words[i][j], words[i][j + 1]);
          if (!mergeable(p)) continue;
          pairCounts.merge(p, counts[i], Long::sum);
          pairWords.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
        }
      }
      for (Map.Entry<Long, Long> e : pairCounts.entrySet()) heap.add(new long[] {e.getValue(), e.getKey()});
    }

    /** Up to {@code limit} merged pieces in merge order; fewer when no mergeable pair is left. */
    List<String> run(int limit) {
      List<String> out = new ArrayList<>();
      Set<String> made = new HashSet<>(symbols);
      while (out.size() < limit) {
        long[] top = heap.poll();
        if (top == null) {
          TrainLog.info("bpe no mergeable pair left after " + out.size() + " merges");
          break;
        }
        long p = top[1];
        Long current = pairCounts.get(p);
        if (current == null || current != top[0] || banned.contains(p)) continue; // stale heap entry
        String piece = concat(p);
        if (!made.add(piece)) {
          // Same string reached through a different split ("aa"+"a" vs "a"+"aa"): spm drops the later pair.
          banned.add(p);
          pairCounts.remove(p);
          continue;
        }
        out.add(piece);
        if (out.size() % 1000 == 0 || out.size() <= 3) {
          TrainLog.info("bpe merge rank=" + (out.size() - 1) + " freq=" + current + " piece=" + piece);
        }
        apply(p, symbolId(piece));
      }
      return out;
    }

    /** Replaces the pair in every word holding it and updates the counts of the pairs around each replacement. */
    private void apply(long p, int newSymbol) {
      int a = (int) (p >>> 32), b = (int) p;
      List<Integer> holders = pairWords.remove(p);
      pairCounts.remove(p);
      Map<Long, Long> delta = new HashMap<>();
      Set<Integer> done = new HashSet<>();
      for (int w : holders) {
        if (!done.add(w)) continue;
        int[] syms = words[w];
        int[] next = new int[syms.length];
        int n = 0;
        boolean changed = false;
        for (int j = 0; j < syms.length; j++) {
          if (j + 1 < syms.length && syms[j] == a && syms[j + 1] == b) {
            next[n++] = newSymbol;
            j++;
            changed = true;
          } else {
            next[n++] = syms[j];
          }
        }
        if (!changed) continue; // the word lost this pair to an earlier merge
        long c = counts[w];
        for (int j = 0; j + 1 < syms.length; j++) {
          long q = pair(syms[j], syms[j + 1]);
          if (q != p && mergeable(q)) delta.merge(q, -c, Long::sum);
        }
        int[] merged = java.util.Arrays.copyOf(next, n);
        for (int j = 0; j + 1 < n; j++) {
          long q = pair(merged[j], merged[j + 1]);
          if (!mergeable(q)) continue;
          delta.merge(q, c, Long::sum);
          if (merged[j] == newSymbol || merged[j + 1] == newSymbol) {
            pairWords.computeIfAbsent(q, k -> new ArrayList<>()).add(w);
          }
        }
        words[w] = merged;
      }
      for (Map.Entry<Long, Long> e : delta.entrySet()) {
        if (e.getValue() == 0) continue;
        long q = e.getKey();
        long updated = pairCounts.getOrDefault(q, 0L) + e.getValue();
        if (updated <= 0) {
          pairCounts.remove(q);
        } else {
          pairCounts.put(q, updated);
          heap.add(new long[] {updated, q});
        }
      }
    }

    private boolean mergeable(long p) {
      if (allowed.contains(p)) return true;
      if (banned.contains(p)) return false;
      int a = (int) (p >>> 32), b = (int) p;
      boolean ok = false;
      if (a != unk && b != unk) {
        int[] x = symbolChars.get(a), y = symbolChars.get(b);
        int[] both = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, both, x.length, y.length);
        ok = validator.isValid(both, 0, both.length);
      }
      (ok ? allowed : banned).add(p);
      return ok;
    }

    /** Heap order: higher count first, then the shorter merged piece, then code-point order, as spm breaks ties. */
    private int better(long[] x, long[] y) {
      int c = Long.compare(y[0], x[0]);
      if (c != 0) return c;
      int lx = length(x[1]), ly = length(y[1]);
      if (lx != ly) return Integer.compare(lx, ly);
      return CodePointOrder.compare(concat(x[1]), concat(y[1]));
    }

    private int length(long p) {
      return symbolChars.get((int) (p >>> 32)).length + symbolChars.get((int) p).length;
    }

    private String concat(long p) {
      return symbols.get((int) (p >>> 32)) + symbols.get((int) p);
    }

    private int symbolId(String s) {
      Integer id = symbolIds.get(s);
      if (id != null) return id;
      int fresh = symbols.size();
      symbols.add(s);
      symbolChars.add(s.codePoints().toArray());
      symbolIds.put(s, fresh);
      return fresh;
    }

    private static long pair(int a, int b) {
      return ((long) a << 32) | (b & 0xffffffffL);
    }
  }
}
