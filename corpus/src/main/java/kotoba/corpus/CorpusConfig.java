package kotoba.corpus;

import java.io.Serializable;
import java.util.List;
import kotoba.corpus.filter.FilterConfig;
import kotoba.corpus.ingest.IngestConfig;
import kotoba.corpus.normalize.NormalizationForm;

/**
 * The `corpus` config section: what to read and how to clean it. Defaults live in conf/local.conf.
 *
 * @param inputs files, directories or globs with their formats
 * @param output directory that receives docs/ and rejects/ (Parquet) and _manifest.json
 * @param normalization nfkc | nfkc_cf | none (Unicode form applied before cleanup and filters)
 * @param maxRecordBytes longest input record accepted, in bytes; longer ones are rejected as record_too_long
 * @param maxControlRatio share of control bytes above which a record is rejected as binary
 * @param langMinLetters shortest text (in letters) given a language; shorter ones are tagged `und`
 * @param filters quality-filter thresholds, each with its drop reason
 * @param dedup exact and near-duplicate removal
 * @param valFraction share of documents in the validation split, chosen by a hash of the id
 * @param shardMb target size of one docs Parquet file, in MiB
 */
public record CorpusConfig(List<InputSpec> inputs, String output, NormalizationForm normalization,
    long maxRecordBytes, double maxControlRatio, int langMinLetters, FilterConfig filters, DedupConfig dedup,
    double valFraction, int shardMb) implements Serializable {

  public CorpusConfig {
    if (inputs.isEmpty()) throw new IllegalArgumentException("corpus.inputs is empty: nothing to read");
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).path() == null) throw new IllegalArgumentException("corpus.inputs[" + i + "].path is required");
    }
    if (!(valFraction >= 0 && valFraction < 1)) {
      throw new IllegalArgumentException("val_fraction must be in [0, 1), got " + valFraction);
    }
    if (shardMb < 1) throw new IllegalArgumentException("shard_mb must be >= 1, got " + shardMb);
  }

  /** How the ingest readers cut one input into records. */
  public IngestConfig ingest(InputSpec in) {
    return new IngestConfig(in.format().ingestFormat(), in.unit(), in.textField(), maxRecordBytes, maxControlRatio);
  }

  /** The per-record processing every executor runs. */
  public DocumentProcessor processor() {
    return new DocumentCleaner(normalization, langMinLetters, filters);
  }
}
