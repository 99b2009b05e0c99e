package kotoba.trainer.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kotoba.pipeline.stage.Manifest;
import kotoba.pipeline.stage.ManifestStore;
import kotoba.pipeline.storage.Storage;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.PackedBlock;
import kotoba.trainer.data.ParquetTokenDocs;
import kotoba.trainer.data.TokenBatch;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.data.ValidationBlocks;
import kotoba.trainer.model.TrainThroughputBenchmark;

/**
 * The benchmark's training blocks: from a tokenize stage's output (real text, read as training reads it, with its
 * validation split for a held-out loss), or from a flat little-endian int32 file (random tokens: the throughput is
 * the same, but a loss on them measures only memorization, so there is no held-out loss).
 */
interface BenchmarkTokens {
    /** The next {@code count} blocks of context + 1 tokens. */
    TokenBatch next(int count);

    /** Held-out blocks for the loss reached, or none. */
    List<PackedBlock> validation(int maxBlocks);

    /** A directory holding a tokenize stage's manifest, or a token file. */
    static BenchmarkTokens open(Path path, int vocab, int context) throws IOException {
        if (!Files.isDirectory(path)) {
            return new FileTokens(TrainThroughputBenchmark.readTokens(path, vocab), context);
        }
        Storage storage = Storage.local();
        String dir = path.toAbsolutePath().toString();
        Manifest manifest = ManifestStore.read(storage, dir)
                .orElseThrow(() -> new IllegalArgumentException(dir + " has no tokenize manifest"));
        int vocabSize = ((Number) manifest.info().get("vocab_size")).intValue();
        if (vocabSize != vocab) {
            throw new IllegalArgumentException(dir + " has vocabulary " + vocabSize + ", the benchmark " + vocab);
        }
        int eos = ((Number) manifest.info().get("eos_id")).intValue();
        String data = Storage.child(dir, "data");
        TokenBlockReader reader = new TokenBlockReader(new ParquetTokenDocs(data, "train", vocab, storage.hadoop()),
                context, eos, 1L, 1024, Cursor.START);
        ParquetTokenDocs val = new ParquetTokenDocs(data, "val", vocab, storage.hadoop());
        return new BenchmarkTokens() {
            @Override
            public TokenBatch next(int count) {
                return reader.nextBatch(count);
            }

            @Override
            public List<PackedBlock> validation(int maxBlocks) {
                return ValidationBlocks.load(val, context, eos, maxBlocks);
            }
        };
    }

    /** Consecutive blocks of a token file, wrapping around at its end. */
    final class FileTokens implements BenchmarkTokens {
        private final int[] tokens;
        private final int context;
        private final int blocks;
        private int first;

        FileTokens(int[] tokens, int context) {
            this.tokens = tokens;
            this.context = context;
            this.blocks = tokens.length / (context + 1);
        }

        @Override
        public TokenBatch next(int count) {
            List<PackedBlock> out = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                int[] block = new int[context + 1];
                System.arraycopy(tokens, ((first + j) % blocks) * (context + 1), block, 0, context + 1);
                out.add(new PackedBlock(block, context));
            }
            first = (first + count) % blocks;
            return new TokenBatch(out, Cursor.START);
        }

        @Override
        public List<PackedBlock> validation(int maxBlocks) {
            return List.of();
        }
    }
}
