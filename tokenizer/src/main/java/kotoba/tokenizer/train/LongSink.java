package kotoba.tokenizer.train;

/** Receives (key, value) pairs of 64-bit keys, without boxing. */
@FunctionalInterface
public interface LongSink {
  void add(long key, long value);
}
