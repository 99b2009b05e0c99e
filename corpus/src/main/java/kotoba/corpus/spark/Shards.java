package kotoba.corpus.spark;

/** How many Parquet files to write for a target file size. */
final class Shards {
  /**
   * Snappy-compressed Parquet of natural-language text comes out at roughly 40% of the raw UTF-8 bytes; the
   * estimate only needs to be right within a factor of two for the files to be reasonably sized.
   */
  static final double PARQUET_TEXT_RATIO = 0.4;

  private Shards() {}

  static int count(long textBytes, int targetMb) {
    double onDisk = textBytes * PARQUET_TEXT_RATIO;
    long n = (long) Math.ceil(onDisk / (targetMb * 1024.0 * 1024.0));
    return (int) Math.max(1, Math.min(n, 100_000));
  }
}
