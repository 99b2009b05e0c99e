package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TooFewPointsTest {
  @TempDir Path dir;

  private static MetricsTable table(String csv) {
    List<StepMetrics> rows = new ArrayList<>();
    List<String> rejects = new ArrayList<>();
    MetricsCsv.parse("t.csv", csv, rows, rejects);
    return new MetricsTable("t.csv", List.of("t.csv"), rows, rejects);
  }

  @Test
  void twoModelSizesSkipLOfNWithAReasonWhileLOfDGoesOn() {
    Analysis a = ScalingAnalysis.run(table(SyntheticSweep.csv(new double[] {1e6, 1e7}, SyntheticSweep.D, 3)), 5, 1);
    FitResult ln = a.fit("L(N)", LossUnit.NATS, ParamMeasure.TOTAL);
    assertFalse(ln.ok());
    assertEquals("L(N) needs at least 3 distinct model sizes, got 2", ln.message());
    assertFalse(a.fit("L(N,D)", LossUnit.NATS, ParamMeasure.TOTAL).ok());
    assertTrue(a.fit("L(N,D)", LossUnit.NATS, ParamMeasure.TOTAL).message().contains("got 2, 5 and 10"));
    assertTrue(a.fit("L(D)", LossUnit.NATS, null).ok());
    assertTrue(a.fit("L(C)", LossUnit.NATS, null).ok());
    String text = FitTable.format(a);
    assertTrue(text.contains("skipped: L(N) needs at least 3 distinct model sizes, got 2"), text);
    String html = ScalingReport.html(a, LossUnit.NATS);
    assertTrue(html.contains("skipped: L(N) needs at least 3 distinct model sizes, got 2"));
  }

  @Test
  void missingBitsPerByteSkipsOnlyTheBitsFits() {
    String csv = SyntheticSweep.csv(new double[] {1e6, 1e7, 1e8}, new double[] {1e8, 1e9, 1e10}, 2)
        .replaceAll("(?m)^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)[^,]*,", "$1,")
        .replace("val_perplexity,,", "val_perplexity,val_bits_per_byte,");
    Analysis a = ScalingAnalysis.run(table(csv), 0, 1);
    for (FitResult f : a.fits()) {
      if (f.unit() == LossUnit.BITS) {
        assertEquals("no run has a val_bits_per_byte value", f.message());
      } else {
        assertTrue(f.ok(), f.law() + ": " + f.message());
      }
    }
  }

  @Test
  void onlyDivergedRunsLeaveEveryFitSkippedButNoCrash() {
    String csv = SyntheticSweep.csv(new double[] {1e6}, new double[] {1e8}, 1)
        + "bad,5,100,600,1000000,900000,inf,4,1,1,0.001,1,1,2,64,2,128,8000\n";
    Analysis a = ScalingAnalysis.run(table(csv), 5, 1);
    assertEquals(1, a.sweep().runs().size());
    assertTrue(a.fits().stream().noneMatch(FitResult::ok));
    assertTrue(ScalingReport.html(a, LossUnit.NATS).contains("<svg"));
  }

  @Test
  void metricsReadTwiceCountOnce() {
    String once = SyntheticSweep.csv(new double[] {1e6, 1e7, 1e8}, new double[] {1e8, 1e9, 1e10}, 2);
    String twice = once + once.substring(once.indexOf('\n') + 1);
    Analysis a = ScalingAnalysis.run(table(twice), 0, 1);
    assertEquals(9, a.sweep().runs().size());
    assertTrue(a.sweep().runs().stream().allMatch(r -> r.steps().size() == 2));
    assertEquals(9, a.sweep().excluded().stream().filter(e -> e.reason().contains("duplicate")).count());
    assertEquals(3, a.fit("L(N)", LossUnit.NATS, ParamMeasure.TOTAL).points().size());
  }

  @Test
  void aPathWithoutMetricsIsAOneLineError() throws IOException {
    Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
    ConfigError e = assertThrows(ConfigError.class, () -> MetricsSource.read(Storage.local(), dir.toString()));
    assertTrue(e.getMessage().contains("no metrics rows") && e.getMessage().contains("missing column"),
        e.getMessage());
    assertThrows(ConfigError.class, () -> MetricsSource.read(Storage.local(), dir.resolve("nope").toString()));
  }
}
