package kotoba.tokenizer.train;

/** The 64-bit finalizer the trainers' hashes share (splitmix64's): a bijection that spreads every input bit. */
final class Hash64 {
  private Hash64() {}

  static long mix(long h) {
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }
}
