package kotoba.trainer.train;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MetricsFileSinkTest {
    @TempDir
    Path tmp;

    MetricsRow row(long step, double val) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("n_layer", 2);
        shape.put("d_model", 64);
        return new MetricsRow("run,\"x\"", step, step * 100, step * 1e6, 1000, 800, 3.5, val, Math.exp(val), 1.2,
                1e-3, 2500, step * 0.5, shape);
    }

    @Test
    void csvHasHeaderOnceAndEmptyCellsForMissingValidation() throws Exception {
        Path file = tmp.resolve("m.csv");
        try (MetricsFileSink sink = new MetricsFileSink(file.toString(), new Configuration())) {
            sink.write(row(1, Double.NaN));
            sink.write(row(2, 3.0));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("run_id,step,tokens_seen,flops,params,params_non_embedding,train_loss,val_loss"));
        assertTrue(lines.get(0).endsWith(",n_layer,d_model"));
        assertTrue(lines.get(1).startsWith("\"run,\"\"x\"\"\",1,100,"));
        assertTrue(lines.get(1).contains(",3.5,,,1.2,"), lines.get(1));
        assertTrue(lines.get(2).contains(",3.5,3.0,"), lines.get(2));
    }

    @Test
    void jsonlWritesOneObjectPerRowWithNullForMissing() throws Exception {
        Path file = tmp.resolve("m.jsonl");
        try (MetricsFileSink sink = new MetricsFileSink(file.toString(), new Configuration())) {
            sink.write(row(1, Double.NaN));
        }
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.startsWith("{\"run_id\":\"run,\\\"x\\\"\",\"step\":1,"), line);
        assertTrue(line.contains("\"val_loss\":null"), line);
        assertTrue(line.endsWith("\"n_layer\":2,\"d_model\":64}"), line);
    }

    @Test
    void unknownExtensionIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new MetricsFileSink(tmp.resolve("m.txt").toString(), new Configuration()));
    }
}
