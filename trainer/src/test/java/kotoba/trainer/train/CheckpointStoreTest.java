package kotoba.trainer.train;

import kotoba.trainer.data.Cursor;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointStoreTest {
    @TempDir
    Path tmp;

    @Test
    void keepsTheNewestCompleteCheckpointsAndIgnoresHalfWrittenOnes() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp.toString(), new Configuration(), 2);
        assertTrue(store.latest().isEmpty());
        ComputationGraph graph = OptimizerSetup.adamW(TrainerConfig.defaults(10, 64)).newGraph(TinyLm.configuration());
        for (long step = 1; step <= 3; step++) {
            store.save(graph, new TrainingState("r", step, new Cursor(0, step * 9), step * 64, step, 7));
        }
        // A crash mid-write leaves a temp directory and a step directory without state: neither counts.
        Files.createDirectories(tmp.resolve("_tmp-step-00000009-x"));
        Files.createDirectories(tmp.resolve("step-00000009"));

        TrainingState latest = store.latest().orElseThrow();
        assertEquals(3, latest.step());
        assertEquals(new Cursor(0, 27), latest.cursor());
        assertEquals(192, latest.tokensSeen());
        assertFalse(Files.exists(tmp.resolve("step-00000001")), "older than keepLast should be pruned");
        assertTrue(Files.exists(tmp.resolve("step-00000002")));
        assertEquals(graph.params(), store.loadGraph(3).params());
    }
}
