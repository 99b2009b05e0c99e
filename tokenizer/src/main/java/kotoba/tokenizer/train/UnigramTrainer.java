package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import kotoba.tokenizer.model.Piece;
import kotoba.tokenizer.model.PieceType;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * Trains a unigram language-model vocabulary (Kudo 2018) the way spm's unigram_model_trainer.cc does, over any
 * {@link SentenceCorpus}.
 *
 * <ol>
 *   <li>Seeds: every required character plus the seed_sentencepiece_size substrings (2..max_sentencepiece_length
 *       code points, valid pieces only, seen at least twice) with the best frequency × length. spm finds them with a
 *       suffix array over all sentences; we count {@link SubstringFingerprints} with {@link
 *       SentenceCorpus#topLongKeys} so the counting can be distributed, then cut the chosen ones' strings from the
 *       words their tags name ({@link SeedNames}). spm keeps only right-branching substrings (suffix-tree nodes), we
 *       keep all, so seed sets differ slightly; EM and pruning make the final vocabularies close.
 *   <li>EM: the E-step runs forward-backward over each word's lattice inside {@link SentenceCorpus#aggregate}; the
 *       driver gets one expected count per piece. The M-step drops pieces with expected count below 0.5 and sets
 *       score = digamma(count) - digamma(total), spm's Bayesian (sparse-prior) update.
 *   <li>After num_sub_iterations EM steps, pieces are pruned by the likelihood lost when each is replaced by its
 *       second-best segmentation, keeping max(shrinking_factor × size, 1.1 × vocab_size); repeat until the size is
 *       at most 1.1 × vocab_size.
 *   <li>The final vocabulary: the required characters (missing ones get the lowest score), then the best-scoring
 *       pieces up to vocab_size, sorted by score; specials, symbols and byte pieces at their ids.
 * </ol>
 *
 * <p>Like spm, every pass after preparation runs over the table of distinct words with their counts
 * ({@link SentenceCorpus#regroup}), which stays on the executors, and each partition of it keeps its words' lattices
 * between passes ({@link WordLattices}): a later model only removes pieces, so its lattices are the cached ones
 * filtered, not new trie walks. Driver memory is O(seed_sentencepiece_size): the seed list, the piece trie and one
 * double per piece. Scores are computed in double precision.
 */
public final class UnigramTrainer {
  /** spm's penalty below the lowest piece score for a character no piece covers. */
  static final double UNK_PENALTY = 10.0;
  /** spm's M-step drops pieces expected fewer times than this. */
  static final double MIN_EXPECTED_COUNT = 0.5;
  /** spm's spacing between the scores of required characters that EM dropped. */
  static final float MIN_SCORE_PENALTY_DELTA = 0.0001f;

  private final TrainerSpec spec;

  public UnigramTrainer(TrainerSpec spec) {
    this.spec = spec;
  }

  public TrainingResult train(SentenceCorpus input) {
    TrainingCorpus tc = TrainingCorpus.prepare(spec, TrainerSpec.ModelType.UNIGRAM, input);
    SentencePreparer prep = tc.preparer();
    // Every later pass works on words, so count them once: spm's word table, kept where the sentences are.
    SentenceCorpus words = tc.corpus().regroup(s -> prep.words(s));
    try {
      return train(tc, words);
    } finally {
      words.release();
    }
  }

  private TrainingResult train(TrainingCorpus tc, SentenceCorpus words) {
    Model model = seed(tc, words);
    TrainLog.info("unigram seeds size=" + model.pieces.size());

    int desired = (int) (spec.vocabSize() * 1.1);
    int round = 0;
    while (true) {
      for (int iter = 0; iter < spec.numSubIterations(); iter++) {
        EStep e = runEStep(words, model);
        model = mStep(model, e.totals());
        double obj = e.weight == 0 ? 0 : -e.logLikelihood / e.weight;
        TrainLog.info(
            String.format(
                Locale.ROOT,
                "unigram em round=%d sub_iter=%d size=%d obj=%.6f num_tokens=%d num_tokens/piece=%.4f",
                round++, iter, model.pieces.size(), obj, e.tokens, (double) e.tokens / model.pieces.size()));
      }
      if (model.pieces.size() <= desired) break;
      int before = model.pieces.size();
      model = prune(words, model, desired);
      TrainLog.info("unigram prune size=" + before + " -> " + model.pieces.size());
      if (model.pieces.size() >= before) {
        TrainLog.info("unigram prune cannot shrink further; stopping EM at size=" + model.pieces.size());
        break;
      }
    }
    List<Piece> learned = finalPieces(tc, model);
    return new TrainingResult(tc.meta().assemble(learned, spec.hardVocabLimit()), tc.stats());
  }

  /**
   * Pieces in code-point order with log-probability scores; index = piece id inside training. Each M-step or pruning
   * makes the next generation, and {@code fromPrevious[old id]} is a piece's id in this one (-1 if removed; null for
   * the seeds), which is all the executors need to bring their cached lattices up to date.
   */
  record Model(List<String> pieces, double[] scores, int generation, int[] fromPrevious) implements Serializable {
    Model(List<String> pieces, double[] scores) {
      this(pieces, scores, 0, null);
    }

    /** The model after this one that keeps {@code keep}'s pieces (in order) with the given scores. */
    Model next(boolean[] keep, List<String> nextPieces, double[] nextScores) {
      int[] ids = new int[keep.length];
      int n = 0;
      for (int i = 0; i < keep.length; i++) ids[i] = keep[i] ? n++ : -1;
      return new Model(nextPieces, nextScores, generation + 1, ids);
    }

    double minScore() {
      double m = Double.POSITIVE_INFINITY;
      for (double s : scores) m = Math.min(m, s);
      return m;
    }

    PieceTrie trie() {
      return new PieceTrie(pieces);
    }

    Scorer scorer() {
      PieceTrie trie = trie();
      boolean cacheable = WordLattices.fits(pieces.size(), trie.maxDepth());
      return new Scorer(trie, scores, minScore() - UNK_PENALTY, cacheable ? generation : -1, fromPrevious);
    }
  }

  Model seed(TrainingCorpus tc, SentenceCorpus words) {
    SubstringFingerprints candidates =
        new SubstringFingerprints(tc.validator(), spec.maxSentencepieceLength(), spec.splitByWhitespace());
    // Pass 1: count every candidate by fingerprint and keep the best by frequency × length, as spm scores seeds. Each
    // fingerprint is tagged with a word it occurs in and where.
    LongTopK top =
        words.topLongKeys(
            (w, sink) -> {
              long word = candidates.wordTag(w.text());
              candidates.forEach(w.text(), (f, cps, start, len) -> sink.add(f, w.count(), candidates.tag(word, start)));
            },
            (f, total) -> (double) total * candidates.length(f),
            spec.seedSentencepieceSize(),
            2);
    // Pass 2: the strings of the chosen fingerprints, cut from the words their tags name (driver state: the seed set).
    SeedNames spelling = new SeedNames(candidates, top);
    int k = spelling.size();
    String[] names = spelling.complete(
        words.aggregate(new String[0], (acc, w) -> spelling.add(acc, w), (a, b) -> SeedNames.merge(a, b)));
    List<KeyCount> substrings = new ArrayList<>(k);
    for (int i = 0; i < k; i++) substrings.add(new KeyCount(names[i], top.totals()[i]));
    List<String> pieces = new ArrayList<>();
    List<Double> freq = new ArrayList<>();
    for (RequiredChars.CharCount c : tc.requiredChars()) {
      if (c.count() <= 0) continue;
      pieces.add(c.string());
      freq.add((double) c.count());
    }
    for (KeyCount kc : substrings) {
      pieces.add(kc.key());
      freq.add((double) kc.count() * kc.key().codePointCount(0, kc.key().length()));
    }
    // Code-point order from here on (the M-step and pruning keep it), so each round's trie is built from sorted keys.
    Integer[] order = new Integer[pieces.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> CodePointOrder.compare(pieces.get(a), pieces.get(b)));
    double sum = 0;
    for (double f : freq) sum += f;
    double logSum = Math.log(sum);
    List<String> sorted = new ArrayList<>(order.length);
    double[] scores = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted.add(pieces.get(order[i]));
      scores[i] = Math.log(freq.get(order[i])) - logSum;
    }
    return new Model(sorted, scores);
  }

  /** The memo of a partition whose lattices did not fit in their memory budget. */
  private static final String TOO_BIG_TO_CACHE = "unigram lattices too big to cache";

  /**
   * What a partition needs of the model to build lattices; shipped inside the E-step and pruning closures. {@code
   * generation} is -1 for a model whose lattices cannot be cached.
   */
  record Scorer(PieceTrie trie, double[] scores, double unkScore, int generation, int[] fromPrevious)
      implements Serializable {
    Lattice lattice(String word) {
      return new Lattice(CodePoints.of(word), trie, scores, unkScore);
    }

    /** The lattice of {@code word} built in {@code scratch}. */
    Lattice lattice(String word, Lattice scratch) {
      return scratch.reset(CodePoints.of(word), trie, scores, unkScore);
    }

    /**
     * The partition's lattices under this model: the ones cached on it, brought forward from the previous generation
     * if need be, or built now and cached; null if this model's lattices cannot be cached, or if this partition's
     * were once too big to keep (then it builds each word's lattice from the trie, every pass, as it would uncached).
     */
    WordLattices lattices(CorpusPartition part, Lattice scratch) {
      if (generation < 0 || part.memo() == TOO_BIG_TO_CACHE) return null;
      if (part.memo() instanceof WordLattices cached) {
        if (cached.generation() == generation) return cached;
        if (cached.generation() == generation - 1 && fromPrevious != null) {
          cached.advance(fromPrevious, generation);
          return cached;
        }
      }
      // Spark does not see this memory, so bound it: a partition's lattices may take a quarter of the heap's share of
      // one core (768 MB with 6 GB and 2 cores).
      Runtime rt = Runtime.getRuntime();
      long maxNodes = rt.maxMemory() / 4 / rt.availableProcessors() / Integer.BYTES;
      WordLattices built = WordLattices.build(part.sentences(), trie, scores, unkScore, generation, scratch, maxNodes);
      part.memo(built != null ? built : TOO_BIG_TO_CACHE);
      TrainLog.info(built != null
          ? "unigram lattice cache words=" + part.sentences().size() + " nodes=" + built.nodeCount()
          : "unigram lattice cache words=" + part.sentences().size() + " over " + maxNodes + " nodes: not cached");
      return built;
    }
  }

  /**
   * One pass of lattices over the distinct words: a total per piece and the summed word counts, merged over
   * partitions. The E-step and pruning each add their own statistic of a word's lattice.
   */
  abstract static class LatticePass implements Serializable {
    private static final long serialVersionUID = 1L;
    private final PieceTotals totals;
    long weight;
    private transient Lattice scratch;

    LatticePass(int size) {
      totals = new PieceTotals(size);
    }

    double[] totals() {
      return totals.values();
    }

    /**
     * Adds every word of a partition with its lattice, taken from the partition's cache when it has one. The lock
     * keeps a speculative copy of the same task from rewriting the cache under this one.
     */
    void addAll(CorpusPartition part, Scorer scorer) {
      if (scratch == null) scratch = new Lattice();
      synchronized (part) {
        WordLattices cached = scorer.lattices(part, scratch);
        List<WeightedSentence> words = part.sentences();
        for (int i = 0; i < words.size(); i++) {
          WeightedSentence word = words.get(i);
          weight += word.count();
          Lattice l = cached != null
              ? cached.fill(i, scratch, scorer.scores(), scorer.unkScore())
              : scorer.lattice(word.text(), scratch);
          add(word.count(), l);
        }
      }
    }

    /** Adds this pass's statistic of one word's lattice, weighted by the word's count. */
    abstract void add(long count, Lattice lattice);

    void mergeTotals(LatticePass o) {
      totals.addAll(o.totals);
      weight += o.weight;
    }
  }

  /** E-step: expected counts per piece, the log-likelihood and the Viterbi token count. */
  static final class EStep extends LatticePass {
    private static final long serialVersionUID = 2L;
    double logLikelihood;
    /** Viterbi tokens of each distinct word once, as spm's log counts them. */
    long tokens;

    EStep(int size) {
      super(size);
    }

    @Override
    void add(long count, Lattice lattice) {
      logLikelihood += count * lattice.addExpectedCounts(count, totals());
      tokens += lattice.viterbiTokens();
    }

    EStep merge(EStep o) {
      mergeTotals(o);
      logLikelihood += o.logLikelihood;
      tokens += o.tokens;
      return this;
    }
  }

  static EStep runEStep(SentenceCorpus words, Model model) {
    Scorer scorer = model.scorer();
    return words.aggregatePartitions(new EStep(model.scores().length), (acc, p) -> {
      acc.addAll(p, scorer);
      return acc;
    }, (a, b) -> a.merge(b));
  }

  static Model mStep(Model model, double[] expected) {
    List<String> pieces = new ArrayList<>();
    List<Double> freqs = new ArrayList<>();
    boolean[] keep = new boolean[expected.length];
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] < MIN_EXPECTED_COUNT) continue;
      keep[i] = true;
      pieces.add(model.pieces().get(i));
      freqs.add(expected[i]);
      sum += expected[i];
    }
    if (pieces.isEmpty()) throw new TrainingRejectedException("every piece fell below the minimum expected count");
    double logSum = digamma(sum);
    double[] scores = new double[pieces.size()];
    for (int i = 0; i < scores.length; i++) scores[i] = digamma(freqs.get(i)) - logSum;
    return model.next(keep, pieces, scores);
  }

  /** Pruning's pass: how often each piece is on a word's best segmentation. */
  static final class ViterbiCounts extends LatticePass {
    private static final long serialVersionUID = 2L;

    ViterbiCounts(int size) {
      super(size);
    }

    @Override
    void add(long count, Lattice lattice) {
      double[] f = totals();
      for (int node : lattice.viterbi(-1)) {
        int id = lattice.pieceId(node);
        if (id >= 0) f[id] += count;
      }
    }

    ViterbiCounts merge(ViterbiCounts o) {
      mergeTotals(o);
      return this;
    }
  }

  Model prune(SentenceCorpus words, Model model, int desired) {
    List<String> pieces = model.pieces();
    int n = pieces.size();
    double[] scores = model.scores();
    Scorer scorer = model.scorer();

    // How each piece would be segmented without itself: its second-best segmentation. One lattice per piece on the
    // driver, in parallel: the executors wait for this between rounds.
    boolean[] alwaysKeep = new boolean[n];
    int[][] alternatives = new int[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      Lattice l = scorer.lattice(pieces.get(i));
      int[] best = l.viterbi(-1);
      if (best.length >= 2) return; // the piece never wins its own lattice, so removing it changes nothing
      alwaysKeep[i] = true;
      int[] second = l.viterbi(best[0]);
      if (second == null) return;
      int[] alt = new int[second.length];
      boolean hasUnk = false;
      for (int j = 0; j < second.length; j++) {
        alt[j] = l.pieceId(second[j]);
        if (alt[j] < 0) hasUnk = true;
      }
      // An alternative through an unknown character cannot be scored; keep the piece like one with no alternative.
      if (!hasUnk) alternatives[i] = alt;
    });

    ViterbiCounts vc = words.aggregatePartitions(new ViterbiCounts(n), (acc, p) -> {
      acc.addAll(p, scorer);
      return acc;
    }, (a, b) -> a.merge(b));

    double sum = 0;
    for (double f : vc.totals()) sum += f;
    double logSum = Math.log(sum);
    List<Integer> kept = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>(); // {piece index, loss}
    for (int i = 0; i < n; i++) {
      double f = vc.totals()[i];
      if (f == 0 || !alwaysKeep[i]) continue;
      if (alternatives[i] == null) {
        kept.add(i);
        continue;
      }
      // Approximates the loss as if every occurrence of piece i were replaced by its alternative segmentation.
      double share = f / vc.weight;
      double logProb = Math.log(f) - logSum;
      double logSumAlt = Math.log(sum + f * (alternatives[i].length - 1));
      double logProbAlt = 0;
      for (int a : alternatives[i]) logProbAlt += Math.log(vc.totals()[a] + f) - logSumAlt;
      candidates.add(new double[] {i, share * (logProb - logProbAlt)});
    }
    candidates.sort(
        (a, b) -> {
          int c = Double.compare(b[1], a[1]);
          return c != 0 ? c : Double.compare(a[0], b[0]);
        });
    int target = Math.max(desired, (int) (spec.shrinkingFactor() * n));
    boolean[] keep = new boolean[n];
    int size = 0;
    for (int i : kept) {
      keep[i] = true;
      size++;
    }
    for (double[] c : candidates) {
      if (size >= target) break;
      keep[(int) c[0]] = true;
      size++;
    }
    // In the model's order (code points), which the next round's trie relies on.
    List<String> newPieces = new ArrayList<>(size);
    double[] s = new double[size];
    for (int i = 0; i < n; i++) {
      if (!keep[i]) continue;
      s[newPieces.size()] = scores[i];
      newPieces.add(pieces.get(i));
    }
    return model.next(keep, newPieces, s);
  }

  List<Piece> finalPieces(TrainingCorpus tc, Model model) {
    Map<String, Double> current = new HashMap<>();
    for (int i = 0; i < model.pieces().size(); i++) current.put(model.pieces().get(i), model.scores()[i]);
    LinkedHashMap<String, Double> chosen = new LinkedHashMap<>();
    double minScore = model.minScore();
    double penalty = 0;
    for (RequiredChars.CharCount c : tc.requiredChars()) {
      String s = c.string();
      Double have = current.get(s);
      if (have != null) {
        chosen.put(s, have);
      } else {
        // Frequent characters come first, so they get the smaller penalty and keep distinct scores.
        chosen.put(s, minScore + penalty);
        penalty += MIN_SCORE_PENALTY_DELTA;
      }
    }
    int slots = tc.meta().learnedSlots();
    if (chosen.size() > slots) {
      throw new TrainingRejectedException(
          chosen.size() + " required characters do not fit in " + slots + " learned slots; increase vocab_size");
    }
    List<Map.Entry<String, Double>> byScore = new ArrayList<>(current.entrySet());
    byScore.sort(UnigramTrainer::bestFirst);
    for (Map.Entry<String, Double> e : byScore) {
      if (chosen.size() >= slots) break;
      chosen.putIfAbsent(e.getKey(), e.getValue());
    }
    List<Map.Entry<String, Double>> out = new ArrayList<>(chosen.entrySet());
    out.sort(UnigramTrainer::bestFirst);
    List<Piece> pieces = new ArrayList<>(out.size());
    for (Map.Entry<String, Double> e : out) pieces.add(new Piece(e.getKey(), (float) (double) e.getValue(), PieceType.NORMAL));
    return pieces;
  }

  private static int bestFirst(Map.Entry<String, Double> a, Map.Entry<String, Double> b) {
    int c = Double.compare(b.getValue(), a.getValue());
    return c != 0 ? c : CodePointOrder.compare(a.getKey(), b.getKey());
  }

  /** The digamma function, by recurrence up to 7 and then its asymptotic series, as spm computes it. */
  static double digamma(double x) {
    double result = 0;
    for (; x < 7; ++x) result -= 1 / x;
    x -= 0.5;
    double xx = 1.0 / x;
    double xx2 = xx * xx;
    double xx4 = xx2 * xx2;
    result += Math.log(x) + (1.0 / 24.0) * xx2 - (7.0 / 960.0) * xx4 + (31.0 / 8064.0) * xx4 * xx2
        - (127.0 / 30720.0) * xx4 * xx4;
    return result;
  }
}
