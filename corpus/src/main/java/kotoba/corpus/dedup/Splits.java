package kotoba.corpus.dedup;

/**
 * Assigns a document to {@code train} or {@code val} from its id alone, so a document never changes split
 * when the corpus grows, is re-run or is processed in a different order.
 */
public final class Splits {

    public static final String TRAIN = "train";
    public static final String VAL = "val";

    private Splits() {
    }

    /**
     * {@code val} if the id's position in [0, 1) is below {@code valFraction}. The position comes from
     * hex digits 16..31 of the id (its second 64 bits), not the leading ones, so that anything ordered or
     * bucketed by id prefix does not line up with the split.
     *
     * @param id          a {@link DocumentId} (32 hex digits)
     * @param valFraction share of documents that go to validation, in [0, 1]
     */
    public static String assign(String id, double valFraction) {
        if (!(valFraction >= 0 && valFraction <= 1)) {
            throw new IllegalArgumentException("valFraction must be in [0, 1] but was " + valFraction);
        }
        if (id.length() != DocumentId.HEX_LENGTH) {
            throw new IllegalArgumentException("not a document id: " + id);
        }
        return position(id) < valFraction ? VAL : TRAIN;
    }

    /** The id's uniformly distributed position in [0, 1), from its second 64 bits. */
    static double position(String id) {
        long bits = Long.parseUnsignedLong(id.substring(16, 32), 16);
        return (bits >>> 11) * 0x1.0p-53;
    }
}
