package kotoba.trainer.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The documents of one epoch in training order.
 *
 * <p>Shuffle scheme (deterministic in {@code (seed, epoch)}, without replacement): the row groups of all files are
 * permuted, then their documents pass through a {@link ShuffleBuffer} of {@code bufferDocs} documents. Row-group
 * permutation mixes across the corpus at coarse grain; the buffer mixes documents that are near each other. Memory
 * is one decoded row group plus the buffer, never the corpus. With {@code bufferDocs <= 1} and {@code shuffle=false}
 * the order is the files' own (used for validation).
 */
public final class EpochDocs implements Iterator<TokenDoc> {
    private final ParquetTokenDocs source;
    private final Iterator<RowGroupRef> groups;
    private final ShuffleBuffer<TokenDoc> buffer;
    private final ArrayDeque<TokenDoc> pending = new ArrayDeque<>();
    private TokenDoc next;

    /** Starts the given epoch; {@code shuffle=false} keeps file and row order. */
    public EpochDocs(ParquetTokenDocs source, List<RowGroupRef> rowGroups, long seed, long epoch, boolean shuffle,
                     int bufferDocs) {
        this.source = source;
        List<RowGroupRef> order = new ArrayList<>(rowGroups);
        if (shuffle) {
            Collections.shuffle(order, new Random(Seeds.derive(seed, epoch, 1)));
        }
        this.groups = order.iterator();
        this.buffer = new ShuffleBuffer<>(shuffle ? bufferDocs : 0, new Random(Seeds.derive(seed, epoch, 2)));
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (!pending.isEmpty()) {
                next = buffer.offer(pending.poll());
            } else if (groups.hasNext()) {
                source.read(groups.next(), pending::add);
            } else {
                next = buffer.poll();
                if (next == null) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public TokenDoc next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TokenDoc out = next;
        next = null;
        return out;
    }

}
