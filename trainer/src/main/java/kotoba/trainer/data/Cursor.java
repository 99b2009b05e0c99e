package kotoba.trainer.data;

import java.io.Serializable;

/**
 * Where a {@link TokenBlockReader} stands: the epoch, and how many tokens of that epoch's packed stream
 * (documents in shuffled order, each followed by {@code </s>}) have already gone into blocks.
 *
 * <p>The stream of an epoch is a pure function of (files, seed, epoch), so this pair is all a checkpoint needs to
 * continue with exactly the blocks an uninterrupted run would have produced.
 */
public record Cursor(long epoch, long position) implements Serializable {

    /** The start of training. */
    public static final Cursor START = new Cursor(0, 0);

    public Cursor {
        if (epoch < 0 || position < 0) {
            throw new IllegalArgumentException("cursor must be non-negative, got epoch=" + epoch + " position=" + position);
        }
    }

    /** Text form used in checkpoint state files: {@code epoch:position}. */
    @Override
    public String toString() {
        return epoch + ":" + position;
    }

    /** Parses {@link #toString()}; rejects anything else with the offending text in the message. */
    public static Cursor parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("cursor must look like epoch:position, got '" + text + "'");
        }
        try {
            return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor must look like epoch:position, got '" + text + "'");
        }
    }
}
