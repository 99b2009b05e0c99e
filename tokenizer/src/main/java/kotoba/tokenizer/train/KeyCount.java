package kotoba.tokenizer.train;

import java.io.Serializable;

/** A string key and a count: what {@link SentenceCorpus#topKeys} emits per sentence and returns summed. */
public record KeyCount(String key, long count) implements Serializable {}
