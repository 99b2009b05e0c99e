package kotoba.tokenizer.train;

import java.io.Serializable;

/** How {@link SentenceCorpus#topLongKeys} ranks a 64-bit key given its corpus-wide total; higher is better. */
@FunctionalInterface
public interface LongScore extends Serializable {
  double score(long key, long total);
}
