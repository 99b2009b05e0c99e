package kotoba.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Streams training batches from token docs Parquet: documents shuffled per epoch (see {@link EpochDocs}), packed
 * with {@code </s>} between them (see {@link BlockPacker}), then the packed blocks shuffled again through a bounded
 * buffer, and resumable from a {@link Cursor}.
 *
 * <p>Why the second shuffle: packing emits consecutive blocks of one document, and a long document (a parliament
 * session, a man page) fills whole batches in one language; the model then chases each batch's language and the
 * validation loss rises while the training loss falls. Shuffling blocks makes each batch a mix of many documents.
 *
 * <p>The cursor's position counts blocks handed out since the run began (its epoch is the packer's, for
 * information); resuming replays the same deterministic stream and skips that many blocks, which costs reading,
 * not training.
 */
public final class TokenBlockReader {
    /** Blocks held by the block shuffle buffer by default: 2,048 blocks of 129 ints is about 1 MB. */
    public static final int DEFAULT_BLOCK_BUFFER = 2048;

    private final ParquetTokenDocs source;
    private final BlockPacker packer;
    private final ShuffleBuffer<PackedBlock> blocks;
    private long emitted;

    /** A reader with the default block shuffle buffer. */
    public TokenBlockReader(ParquetTokenDocs source, int context, int eosId, long seed, int bufferDocs, Cursor start) {
        this(source, context, eosId, seed, bufferDocs, DEFAULT_BLOCK_BUFFER, start);
    }

    /**
     * @param source       the train split of the token docs
     * @param context      model context length T (blocks hold T + 1 tokens)
     * @param eosId        id of {@code </s>}
     * @param seed         shuffle seed; the same seed and cursor always give the same batches
     * @param bufferDocs   documents held by the document shuffle buffer
     * @param bufferBlocks packed blocks held by the block shuffle buffer (0 or 1: blocks in packing order)
     * @param start        where to continue; {@link Cursor#START} for a fresh run
     */
    public TokenBlockReader(ParquetTokenDocs source, int context, int eosId, long seed, int bufferDocs,
                            int bufferBlocks, Cursor start) {
        this.source = source;
        List<RowGroupRef> groups = source.rowGroups();
        this.packer = new BlockPacker(epoch -> new EpochDocs(source, groups, seed, epoch, true, bufferDocs),
                context, eosId, true, Cursor.START);
        this.blocks = new ShuffleBuffer<>(bufferBlocks, new Random(seed * 0x9E3779B97F4A7C15L + 17));
        for (long i = 0; i < start.position(); i++) {
            nextBlock();
        }
    }

    /** The next {@code sequences} blocks; never short, because training cycles through epochs. */
    public TokenBatch nextBatch(int sequences) {
        List<PackedBlock> out = new ArrayList<>(sequences);
        for (int i = 0; i < sequences; i++) {
            out.add(nextBlock());
        }
        return new TokenBatch(out, cursor());
    }

    private PackedBlock nextBlock() {
        PackedBlock out;
        do {
            out = blocks.offer(packer.next());
        } while (out == null);
        emitted++;
        return out;
    }

    /** Position after the last batch, for checkpoints. */
    public Cursor cursor() {
        return new Cursor(packer.cursor().epoch(), emitted);
    }

    /** Documents refused so far, by reason. */
    public RejectCounts rejects() {
        return source.rejects();
    }
}
