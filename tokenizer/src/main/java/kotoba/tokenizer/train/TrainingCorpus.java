package kotoba.tokenizer.train;

import java.util.List;
import kotoba.tokenizer.model.TrainerSpec;

/**
 * The corpus as both trainers see it after spm's shared preparation (trainer_interface.cc LoadSentences): options
 * checked, meta pieces placed, input_sentence_size sampling applied, the required alphabet chosen and a preparer that
 * yields each sentence's words with rare characters as ▅.
 */
public record TrainingCorpus(
    SentenceCorpus corpus,
    SentencePreparer preparer,
    PieceValidator validator,
    List<RequiredChars.CharCount> requiredChars,
    MetaPieces meta,
    PreparationStats stats) {

  public static TrainingCorpus prepare(TrainerSpec spec, TrainerSpec.ModelType type, SentenceCorpus corpus) {
    TrainerSpecCheck.verify(spec, type);
    MetaPieces meta = new MetaPieces(spec);
    SentencePreparer prep = new SentencePreparer(spec, meta.surfaces());

    long sampledOut = 0;
    if (spec.inputSentenceSize() > 0) {
      SentenceSample.Result r = SentenceSample.sample(corpus, spec.inputSentenceSize(), prep);
      corpus = r.corpus();
      sampledOut = r.sentencesSampledOut();
    }

    RequiredChars.Counts counts = RequiredChars.count(corpus, prep);
    PreparationStats stats =
        new PreparationStats(counts.seen + sampledOut, counts.used, counts.weightUsed, sampledOut, counts.drops);
    TrainLog.info(
        "tokenizer corpus sentences=" + stats.sentencesSeen() + " used=" + stats.sentencesUsed() + " weight="
            + stats.weightUsed() + " sampled_out=" + sampledOut + " drops=" + stats.drops());
    if (counts.used == 0) {
      throw new TrainingRejectedException("no usable sentences in the corpus; drops by reason: " + stats.drops());
    }

    List<RequiredChars.CharCount> required = RequiredChars.select(spec, counts.chars());
    if (required.size() + meta.size() > spec.vocabSize()) {
      throw new TrainingRejectedException(
          "vocab_size=" + spec.vocabSize() + " is smaller than the " + required.size() + " required characters plus "
              + meta.size() + " meta pieces; increase vocab_size or lower character_coverage");
    }
    long distinct = counts.chars().size();
    TrainLog.info("tokenizer alphabet size=" + required.size() + " of " + distinct + " distinct characters");

    int[] cps = new int[required.size()];
    for (int i = 0; i < cps.length; i++) cps[i] = required.get(i).codePoint();
    return new TrainingCorpus(
        corpus, prep.withRequiredChars(cps), new PieceValidator(spec), List.copyOf(required), meta, stats);
  }
}
