package kotoba.trainer.data;

import java.util.Iterator;
import java.util.function.LongFunction;

/**
 * Cuts the stream "doc, {@code </s>}, doc, {@code </s>}, ..." into non-overlapping blocks of {@code context + 1}
 * tokens, carrying a block's tail into the next epoch's stream so no token is dropped, and tracks the
 * {@link Cursor} after each block.
 *
 * <p>Resuming at (epoch, position) replays that epoch's document order and skips {@code position} tokens, which
 * costs reading (not training on) the part already seen.
 */
public final class BlockPacker {
    private final LongFunction<Iterator<TokenDoc>> epochs;
    private final int context;
    private final int eosId;
    private final boolean cycle;

    private long epoch;
    private long position;
    private Iterator<TokenDoc> docs;
    private TokenDoc doc;
    private int offset;
    private long tokensThisEpoch;

    /**
     * @param epochs  the document order of an epoch, by epoch number
     * @param context tokens the model sees per sequence
     * @param eosId   id of {@code </s>}, placed after every document
     * @param cycle   continue into the next epoch when one ends (training); false stops after one pass (validation)
     * @param start   where to begin
     */
    public BlockPacker(LongFunction<Iterator<TokenDoc>> epochs, int context, int eosId, boolean cycle, Cursor start) {
        if (context < 1) {
            throw new IllegalArgumentException("context must be >= 1, got " + context);
        }
        this.epochs = epochs;
        this.context = context;
        this.eosId = eosId;
        this.cycle = cycle;
        this.epoch = start.epoch();
        this.docs = epochs.apply(epoch);
        skip(start.position());
    }

    /** The cursor after the last block returned. */
    public Cursor cursor() {
        return new Cursor(epoch, position);
    }

    /** The next block, or null when not cycling and the single pass cannot fill another block. */
    public PackedBlock next() {
        int[] tokens = new int[context + 1];
        double targetBytes = 0;
        for (int i = 0; i <= context; i++) {
            if (!advanceToToken()) {
                return null;
            }
            boolean eos = offset == doc.tokens().length;
            tokens[i] = eos ? eosId : doc.tokens()[offset];
            if (i > 0 && !eos) {
                targetBytes += (double) doc.bytes() / doc.tokens().length;
            }
            offset++;
            position++;
            tokensThisEpoch++;
        }
        return new PackedBlock(tokens, targetBytes);
    }

    /** Makes (doc, offset) point at an unread token, opening the next document or epoch when needed. */
    private boolean advanceToToken() {
        while (doc == null || offset > doc.tokens().length) {
            if (docs.hasNext()) {
                doc = docs.next();
                offset = 0;
                continue;
            }
            if (!cycle) {
                return false;
            }
            if (tokensThisEpoch == 0 && position == 0) {
                throw new IllegalStateException("epoch " + epoch + " has no documents to train on");
            }
            epoch++;
            position = 0;
            tokensThisEpoch = 0;
            docs = epochs.apply(epoch);
            doc = null;
        }
        return true;
    }

    private void skip(long tokens) {
        long left = tokens;
        while (left > 0) {
            if (!docs.hasNext()) {
                throw new IllegalArgumentException("cursor " + new Cursor(epoch, tokens)
                        + " lies beyond the end of epoch " + epoch + " (" + (tokens - left) + " tokens)");
            }
            TokenDoc d = docs.next();
            int len = d.tokens().length + 1;
            if (left >= len) {
                left -= len;
            } else {
                doc = d;
                offset = (int) left;
                left = 0;
            }
        }
        position = tokens;
        tokensThisEpoch = tokens;
    }
}
