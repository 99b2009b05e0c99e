package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *       suffix array over all sentences; we count them with {@link SentenceCorpus#topKeys} so the counting can be
 *       distributed. spm keeps only right-branching substrings (suffix-tree nodes), we keep all, so seed sets differ
 *       slightly; EM and pruning make the final vocabularies close.
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
 * <p>Driver memory is O(seed_sentencepiece_size): the seed list, the piece trie and one double per piece. Each
 * partition additionally buffers up to {@link #WORD_BUFFER} distinct words per pass so repeated words share one
 * lattice. Differences from spm worth knowing: num_tokens in the EM log counts every word occurrence (spm counts each
 * distinct word once), and scores are computed in double precision.
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
    Model model = seed(tc);
    TrainLog.info("unigram seeds size=" + model.pieces.size());

    int desired = (int) (spec.vocabSize() * 1.1);
    int round = 0;
    while (true) {
      for (int iter = 0; iter < spec.numSubIterations(); iter++) {
        EStep e = runEStep(tc, model);
        model = mStep(model, e.expected);
        double obj = e.weight == 0 ? 0 : -e.logLikelihood / e.weight;
        TrainLog.info(
            String.format(
                Locale.ROOT,
                "unigram em round=%d sub_iter=%d size=%d obj=%.6f num_tokens=%d num_tokens/piece=%.4f",
                round++, iter, model.pieces.size(), obj, e.tokens, (double) e.tokens / model.pieces.size()));
      }
      if (model.pieces.size() <= desired) break;
      int before = model.pieces.size();
      model = prune(tc, model, desired);
      TrainLog.info("unigram prune size=" + before + " -> " + model.pieces.size());
      if (model.pieces.size() >= before) {
        TrainLog.info("unigram prune cannot shrink further; stopping EM at size=" + model.pieces.size());
        break;
      }
    }
    List<Piece> learned = finalPieces(tc, model);
    return new TrainingResult(tc.meta().assemble(learned, spec.hardVocabLimit()), tc.stats());
  }

  /** Pieces with log-probability scores; index = piece id inside training. */
  record Model(List<String> pieces, double[] scores) implements Serializable {
    double minScore() {
      double m = Double.POSITIVE_INFINITY;
      for (double s : scores) m = Math.min(m, s);
      return m;
    }

    PieceTrie trie() {
      return new PieceTrie(pieces);
    }

    Scorer scorer() {
      return new Scorer(trie(), scores, minScore() - UNK_PENALTY);
    }
  }

  Model seed(TrainingCorpus tc) {
    SentencePreparer prep = tc.preparer();
    PieceValidator valid = tc.validator();
    // Extending an invalid piece keeps it invalid except in one no-split-by-whitespace case (▁ may reappear inside).
    boolean stopAtInvalid = spec.splitByWhitespace();
    int maxLen = spec.maxSentencepieceLength();
    List<KeyCount> substrings =
        tc.corpus()
            .topKeys(
                s -> {
                  Map<String, Long> local = new HashMap<>();
                  for (String w : prep.words(s)) {
                    int[] cps = w.codePoints().toArray();
                    for (int i = 0; i < cps.length; i++) {
                      for (int len = 2; len <= maxLen && i + len <= cps.length; len++) {
                        if (!valid.isValid(cps, i, i + len)) {
                          if (stopAtInvalid) break;
                          continue;
                        }
                        local.merge(new String(cps, i, len), s.count(), Long::sum);
                      }
                    }
                  }
                  List<KeyCount> out = new ArrayList<>(local.size());
                  local.forEach((k, v) -> out.add(new KeyCount(k, v)));
                  return out;
                },
                (key, total) -> (double) total * key.codePointCount(0, key.length()),
                spec.seedSentencepieceSize(),
                2);
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
    double sum = 0;
    for (double f : freq) sum += f;
    double logSum = Math.log(sum);
    double[] scores = new double[pieces.size()];
    for (int i = 0; i < scores.length; i++) scores[i] = Math.log(freq.get(i)) - logSum;
    return new Model(pieces, scores);
  }

  /** What a partition needs of the model to build lattices; shipped inside the E-step and pruning closures. */
  record Scorer(PieceTrie trie, double[] scores, double unkScore) implements Serializable {
    Lattice lattice(String word) {
      return new Lattice(word.codePoints().toArray(), trie, scores, unkScore);
    }
  }

  /**
   * Distinct words buffered per partition before their lattices are built, so a frequent word costs one lattice per
   * buffer rather than one per occurrence (spm gets the same effect by counting words up front).
   */
  static final int WORD_BUFFER = 100_000;

  /** E-step totals, summed over partitions. */
  static final class EStep implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] expected;
    final HashMap<String, Long> pending = new HashMap<>();
    double logLikelihood;
    long tokens;
    long weight;

    EStep(int size) {
      expected = new double[size];
    }

    EStep add(String word, long count, Scorer scorer) {
      pending.merge(word, count, Long::sum);
      return pending.size() >= WORD_BUFFER ? flush(scorer) : this;
    }

    EStep flush(Scorer scorer) {
      for (Map.Entry<String, Long> e : pending.entrySet()) {
        long count = e.getValue();
        Lattice lattice = scorer.lattice(e.getKey());
        logLikelihood += count * lattice.addExpectedCounts(count, expected);
        tokens += count * (long) lattice.viterbi(-1).length;
        weight += count;
      }
      pending.clear();
      return this;
    }

    EStep merge(EStep o, Scorer scorer) {
      flush(scorer);
      o.flush(scorer);
      for (int i = 0; i < expected.length; i++) expected[i] += o.expected[i];
      logLikelihood += o.logLikelihood;
      tokens += o.tokens;
      weight += o.weight;
      return this;
    }
  }

  static EStep runEStep(TrainingCorpus tc, Model model) {
    SentencePreparer prep = tc.preparer();
    Scorer scorer = model.scorer();
    return tc.corpus()
        .aggregate(
            new EStep(model.scores().length),
            (acc, s) -> {
              for (String w : prep.words(s)) acc.add(w, s.count(), scorer);
              return acc;
            },
            (a, b) -> a.merge(b, scorer))
        .flush(scorer);
  }

  static Model mStep(Model model, double[] expected) {
    List<String> pieces = new ArrayList<>();
    List<Double> freqs = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] < MIN_EXPECTED_COUNT) continue;
      pieces.add(model.pieces().get(i));
      freqs.add(expected[i]);
      sum += expected[i];
    }
    if (pieces.isEmpty()) throw new TrainingRejectedException("every piece fell below the minimum expected count");
    double logSum = digamma(sum);
    double[] scores = new double[pieces.size()];
    for (int i = 0; i < scores.length; i++) scores[i] = digamma(freqs.get(i)) - logSum;
    return new Model(pieces, scores);
  }

  /** Viterbi counts per piece, summed over partitions; words are buffered as in {@link EStep}. */
  static final class ViterbiCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] freq;
    final HashMap<String, Long> pending = new HashMap<>();
    double weight;

    ViterbiCounts(int size) {
      freq = new double[size];
    }

    ViterbiCounts add(String word, long count, Scorer scorer) {
      pending.merge(word, count, Long::sum);
      return pending.size() >= WORD_BUFFER ? flush(scorer) : this;
    }

    ViterbiCounts flush(Scorer scorer) {
      for (Map.Entry<String, Long> e : pending.entrySet()) {
        long count = e.getValue();
        Lattice l = scorer.lattice(e.getKey());
        weight += count;
        for (int node : l.viterbi(-1)) {
          int id = l.pieceId(node);
          if (id >= 0) freq[id] += count;
        }
      }
      pending.clear();
      return this;
    }

    ViterbiCounts merge(ViterbiCounts o, Scorer scorer) {
      flush(scorer);
      o.flush(scorer);
      for (int i = 0; i < freq.length; i++) freq[i] += o.freq[i];
      weight += o.weight;
      return this;
    }
  }

  Model prune(TrainingCorpus tc, Model model, int desired) {
    List<String> pieces = model.pieces();
    int n = pieces.size();
    double[] scores = model.scores();
    Scorer scorer = model.scorer();

    // How each piece would be segmented without itself: its second-best segmentation.
    boolean[] alwaysKeep = new boolean[n];
    int[][] alternatives = new int[n][];
    for (int i = 0; i < n; i++) {
      Lattice l = scorer.lattice(pieces.get(i));
      int[] best = l.viterbi(-1);
      if (best.length >= 2) {
        alwaysKeep[i] = false; // the piece never wins its own lattice, so removing it changes nothing
        continue;
      }
      alwaysKeep[i] = true;
      int[] second = l.viterbi(best[0]);
      if (second == null) continue;
      int[] alt = new int[second.length];
      boolean hasUnk = false;
      for (int j = 0; j < second.length; j++) {
        alt[j] = l.pieceId(second[j]);
        if (alt[j] < 0) hasUnk = true;
      }
      // An alternative through an unknown character cannot be scored; keep the piece like one with no alternative.
      if (!hasUnk) alternatives[i] = alt;
    }

    SentencePreparer prep = tc.preparer();
    ViterbiCounts vc =
        tc.corpus()
            .aggregate(
                new ViterbiCounts(n),
                (acc, s) -> {
                  for (String w : prep.words(s)) acc.add(w, s.count(), scorer);
                  return acc;
                },
                (a, b) -> a.merge(b, scorer))
            .flush(scorer);

    double sum = 0;
    for (double f : vc.freq) sum += f;
    double logSum = Math.log(sum);
    List<Integer> kept = new ArrayList<>();
    List<double[]> candidates = new ArrayList<>(); // {piece index, loss}
    for (int i = 0; i < n; i++) {
      double f = vc.freq[i];
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
      for (int a : alternatives[i]) logProbAlt += Math.log(vc.freq[a] + f) - logSumAlt;
      candidates.add(new double[] {i, share * (logProb - logProbAlt)});
    }
    candidates.sort(
        (a, b) -> {
          int c = Double.compare(b[1], a[1]);
          return c != 0 ? c : Double.compare(a[0], b[0]);
        });
    int target = Math.max(desired, (int) (spec.shrinkingFactor() * n));
    List<String> newPieces = new ArrayList<>();
    List<Double> newScores = new ArrayList<>();
    for (int i : kept) {
      newPieces.add(pieces.get(i));
      newScores.add(scores[i]);
    }
    for (double[] c : candidates) {
      if (newPieces.size() >= target) break;
      newPieces.add(pieces.get((int) c[0]));
      newScores.add(scores[(int) c[0]]);
    }
    double[] s = new double[newScores.size()];
    for (int i = 0; i < s.length; i++) s[i] = newScores.get(i);
    return new Model(newPieces, s);
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
