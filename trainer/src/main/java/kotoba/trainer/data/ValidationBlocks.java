package kotoba.trainer.data;

import java.util.ArrayList;
import java.util.List;

/** The validation set: the first {@code maxBlocks} blocks of the val split in file order, packed like training data. */
public final class ValidationBlocks {
    private ValidationBlocks() {
    }

    /** Reads at most {@code maxBlocks} blocks (fewer if the split is smaller; a final partial block is not used). */
    public static List<PackedBlock> load(ParquetTokenDocs source, int context, int eosId, int maxBlocks) {
        List<RowGroupRef> groups = source.rowGroups();
        BlockPacker packer = new BlockPacker(epoch -> new EpochDocs(source, groups, 0, epoch, false, 0),
                context, eosId, false, Cursor.START);
        List<PackedBlock> out = new ArrayList<>();
        while (out.size() < maxBlocks) {
            PackedBlock block = packer.next();
            if (block == null) {
                break;
            }
            out.add(block);
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
