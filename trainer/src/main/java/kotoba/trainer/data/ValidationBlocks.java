package kotoba.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation set: {@code maxBlocks} blocks sampled uniformly (and reproducibly) from the whole val split, packed
 * like training data. Not the first blocks in file order: long documents fill many consecutive blocks, so the first
 * few dozen blocks are a handful of documents in one or two languages, and the validation loss then measures those.
 */
public final class ValidationBlocks {
    private ValidationBlocks() {
    }

    /** Seed of the sample: fixed, so every run (and every model of a sweep) is validated on the same blocks. */
    static final long SAMPLE_SEED = 20_240_601L;

    /**
     * Reads the whole split once and keeps a uniform sample of at most {@code maxBlocks} blocks (reservoir sampling,
     * so memory stays at {@code maxBlocks}), in stream order; all blocks when the split has fewer. A final partial
     * block is not used.
     */
    public static List<PackedBlock> load(ParquetTokenDocs source, int context, int eosId, int maxBlocks) {
        List<RowGroupRef> groups = source.rowGroups();
        BlockPacker packer = new BlockPacker(epoch -> new EpochDocs(source, groups, 0, epoch, false, 0),
                context, eosId, false, Cursor.START);
        java.util.Random rng = new java.util.Random(SAMPLE_SEED);
        long[] index = new long[Math.max(0, maxBlocks)];
        List<PackedBlock> kept = new ArrayList<>();
        long seen = 0;
        for (PackedBlock block = packer.next(); block != null && maxBlocks > 0; block = packer.next()) {
            if (kept.size() < maxBlocks) {
                index[kept.size()] = seen;
                kept.add(block);
            } else {
                long slot = (long) (rng.nextDouble() * (seen + 1));
                if (slot < maxBlocks) {
                    kept.set((int) slot, block);
                    index[(int) slot] = seen;
                }
            }
            seen++;
        }
        Integer[] order = new Integer[kept.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> index[i]));
        List<PackedBlock> out = new ArrayList<>(kept.size());
        for (int i : order) {
            out.add(kept.get(i));
        }
        return out;
    }

    /** Groups blocks into batches of {@code sequences} (the last may be smaller). */
    public static List<TokenBatch> batches(List<PackedBlock> blocks, int sequences) {
        List<TokenBatch> out = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i += sequences) {
            out.add(new TokenBatch(List.copyOf(blocks.subList(i, Math.min(blocks.size(), i + sequences))), Cursor.START));
        }
        return out;
    }
}
