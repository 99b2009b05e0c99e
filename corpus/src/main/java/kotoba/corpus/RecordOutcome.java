package kotoba.corpus;

import java.io.Serializable;

/**
 * What became of one input record: kept as a document, dropped by a filter or dedup with a reason, or rejected as
 * unreadable. Every input record yields exactly one, which is what makes `in = kept + dropped + rejected` checkable.
 *
 * @param source name of the input (`corpus.inputs[].source`) the record came from
 * @param file the file it came from
 * @param offset byte offset in the decompressed file (row index for Parquet inputs)
 * @param status kept, dropped or rejected
 * @param reason why it was dropped or rejected; null when kept
 * @param id document id of the normalized text (null when rejected)
 * @param text normalized text (null unless kept)
 * @param lang ISO 639-1 language code, "und" when unknown (null when rejected)
 * @param sample first bytes of a rejected record, escaped (null otherwise)
 */
public record RecordOutcome(String source, String file, long offset, Status status, String reason, String id, String text,
    String lang, String sample) implements Serializable {

  /** The three fates of an input record. */
  public enum Status { KEPT, DROPPED, REJECTED }

  public static RecordOutcome kept(String source, String file, long offset, String id, String text, String lang) {
    return new RecordOutcome(source, file, offset, Status.KEPT, null, id, text, lang, null);
  }

  public static RecordOutcome dropped(String source, String file, long offset, String reason, String id, String lang) {
    return new RecordOutcome(source, file, offset, Status.DROPPED, reason, id, null, lang, null);
  }

  public static RecordOutcome rejected(String source, String file, long offset, String reason, String sample) {
    return new RecordOutcome(source, file, offset, Status.REJECTED, reason, null, null, null, sample);
  }
}
