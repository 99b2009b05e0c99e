package kotoba.trainer.data;

/** One tokenized document as read from the token docs Parquet: its ids and the UTF-8 byte length of its text. */
public record TokenDoc(String id, int[] tokens, long bytes) {
}
