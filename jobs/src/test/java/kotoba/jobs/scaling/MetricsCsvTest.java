package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCsvTest {
  private static final String HEADER =
      "run_id,step,tokens_seen,flops,params,params_non_embedding,train_loss,val_loss,val_bits_per_byte\n";

  @Test
  void readsRowsAndTreatsEmptyValidationAsNotEvaluated() {
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    MetricsCsv.parse("m.csv", HEADER + "r1,10,1000,6e9,1000000,900000,5.0,,\r\n\"r,1\",20,2000,1.2e10,1e6,9e5,4.5,4.4,1.2\n",
        rows, rejects);
    assertEquals(List.of(), rejects);
    assertEquals(2, rows.size());
    assertTrue(Double.isNaN(rows.get(0).valLoss()));
    assertFalse(rows.get(0).nonFinite());
    assertEquals("r,1", rows.get(1).runId());
    assertEquals(4.4, rows.get(1).valLoss());
    assertEquals(9e5, rows.get(1).paramsNonEmbedding());
  }

  @Test
  void flagsNaNAndInfiniteLossesAsNonFinite() {
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    MetricsCsv.parse("m.csv", HEADER + "r,1,10,60,1,1,NaN,4,1\nr,2,20,120,1,1,3,Infinity,1\nr,3,30,180,1,1,,4,1\n",
        rows, rejects);
    assertEquals(3, rows.size());
    assertTrue(rows.stream().allMatch(StepMetrics::nonFinite));
  }

  @Test
  void rejectsMalformedRowsWithTheirLineAndKeepsTheRest() {
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    MetricsCsv.parse("m.csv", HEADER + "r,1,ten,60,1,1,3,4,1\nr,2,20,120,1,1,3,4,1\nr,3,30\n", rows, rejects);
    assertEquals(1, rows.size());
    assertEquals(2, rejects.size());
    assertTrue(rejects.get(0).startsWith("m.csv:2: column tokens_seen: not a number 'ten'"), rejects.get(0));
    assertTrue(rejects.get(1).startsWith("m.csv:4: expected 9 fields"), rejects.get(1));
  }

  @Test
  void rejectsAFileWithoutTheRequiredColumns() {
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    MetricsCsv.parse("other.csv", "a,b\n1,2\n", rows, rejects);
    assertTrue(rows.isEmpty());
    assertEquals(1, rejects.size());
    assertTrue(rejects.get(0).contains("missing column(s) run_id, step"), rejects.get(0));
  }
}
