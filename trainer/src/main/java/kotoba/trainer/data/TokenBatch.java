package kotoba.trainer.data;

import java.util.List;

/** A training or validation minibatch: its packed blocks, the text bytes its targets cover, and the reader's cursor after it. */
public record TokenBatch(List<PackedBlock> blocks, Cursor cursorAfter) {

    /** Sequences in the batch. */
    public int size() {
        return blocks.size();
    }

    /** Predicted positions per sequence. */
    public int context() {
        return blocks.get(0).tokens().length - 1;
    }

    /** Number of target tokens (what the loss averages over). */
    public long targetTokens() {
        return (long) size() * context();
    }

    /** UTF-8 bytes of the text the targets cover, for bits per byte. */
    public double targetBytes() {
        return blocks.stream().mapToDouble(PackedBlock::targetBytes).sum();
    }
}
