package kotoba.corpus;

import java.io.Serializable;

/** Turns one readable input record into its outcome: normalized, identified, filtered. Plain Java, no Spark. */
@FunctionalInterface
public interface DocumentProcessor extends Serializable {
  RecordOutcome process(String source, String file, long offset, String rawText);
}
