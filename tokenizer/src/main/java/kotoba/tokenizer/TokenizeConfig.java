package kotoba.tokenizer;

import java.io.Serializable;

/**
 * The `tokenize` config section: which docs to encode with which vocabulary, and where to write token docs.
 *
 * @param docs the corpus stage's output directory
 * @param tokenizer the tokenizer stage's output directory (its manifest names the model file)
 * @param output directory receiving the token docs Parquet and _manifest.json
 * @param shardMb target size of one output Parquet file, in MiB
 */
public record TokenizeConfig(String docs, String tokenizer, String output, int shardMb) implements Serializable {
  public TokenizeConfig {
    if (shardMb < 1) throw new IllegalArgumentException("shard_mb must be >= 1, got " + shardMb);
  }
}
