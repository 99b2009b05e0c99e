package kotoba.corpus.ingest;

/** One result of reading a source: either a record to process further or a reject with a reason. */
public sealed interface IngestOutcome permits RawRecord, Reject {

    /** Path or name of the source the outcome came from, as given to the reader. */
    String source();

    /** Byte offset of the record's first byte in the decompressed stream (0-based). */
    long offset();
}
