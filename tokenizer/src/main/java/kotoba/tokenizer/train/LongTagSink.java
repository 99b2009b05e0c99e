package kotoba.tokenizer.train;

/** Receives (key, value, tag) triples of 64-bit keys without boxing; the tag says where a key was seen. */
@FunctionalInterface
public interface LongTagSink {
  void add(long key, long value, long tag);
}
