package kotoba.tokenizer.train;

import java.io.Serializable;

/** How {@link SentenceCorpus#topKeys} ranks a key given its corpus-wide total; higher is better. */
@FunctionalInterface
public interface SerialScore extends Serializable {
  double score(String key, long total);
}
