package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotoba.pipeline.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path from a directory of metrics CSV to report.html and fits.json, on one synthetic sweep. */
class ScalingReportTest {
  private static final String HEADER = SyntheticSweep.csv(new double[0], new double[0], 1);
  @TempDir static Path dir;
  static Analysis analysis;

  @BeforeAll
  static void analyse() throws IOException {
    Path metrics = Files.createDirectories(dir.resolve("metrics"));
    // Half the runs in one file, half in a sub-directory, as a sweep that writes one file per run group would.
    Files.writeString(metrics.resolve("small.csv"), SyntheticSweep.csv(new double[] {1e6, 3e6, 1e7},
        SyntheticSweep.D, 4));
    Files.createDirectories(metrics.resolve("big"));
    Files.writeString(metrics.resolve("big/big.csv"), SyntheticSweep.csv(new double[] {3e7, 1e8, 3e8},
        SyntheticSweep.D, 4));
    Files.writeString(metrics.resolve("diverged.csv"), HEADER
        + "blowup,100,1000000,6e12,1000000,900000,5.0,4.9,4.5,1.7,0.001,1000,1,2,64,2,128,8000\n"
        + "blowup,200,2000000,1.2e13,1000000,900000,NaN,,,,0.001,1000,2,2,64,2,128,8000\n");
    Files.writeString(metrics.resolve("notes.txt"), "not metrics");
    MetricsTable table = MetricsSource.read(Storage.local(), metrics.toString());
    analysis = ScalingAnalysis.run(table, 20, 1);
  }

  @Test
  void divergedRunIsExcludedWithItsReasonAndTheRestIsFitted() {
    assertEquals(30, analysis.sweep().runs().size());
    assertTrue(analysis.sweep().excluded().stream()
        .anyMatch(e -> e.what().equals("blowup") && e.reason().startsWith("diverged")), analysis.sweep().excluded()
        .toString());
    assertTrue(analysis.sweep().excluded().stream().anyMatch(e -> e.reason().contains("not .csv")));
    for (FitResult f : analysis.fits()) {
      assertTrue(f.ok(), f.law() + " " + f.unit() + " " + f.measure() + ": " + f.message());
      assertTrue(f.points().stream().noneMatch(p -> p.runId().equals("blowup")));
    }
  }

  @Test
  void chinchillaFitOnTheSweepRecoversTheExponents() {
    for (ParamMeasure m : ParamMeasure.values()) {
      FitResult f = analysis.fit("L(N,D)", LossUnit.NATS, m);
      assertEquals(SyntheticSweep.ALPHA, f.params().get("alpha").value(), 0.01);
      assertEquals(SyntheticSweep.BETA, f.params().get("beta").value(), 0.01);
      assertEquals(SyntheticSweep.E, f.params().get("E").value(), 0.03);
      Estimate alpha = f.params().get("alpha");
      assertTrue(alpha.lo() <= alpha.value() && alpha.value() <= alpha.hi(), alpha.toString());
    }
    // Non-embedding N is 0.9 N here: the exponent stays, the coefficient absorbs the factor.
    double aTotal = analysis.fit("L(N,D)", LossUnit.NATS, ParamMeasure.TOTAL).params().get("A").value();
    double aNonEmb = analysis.fit("L(N,D)", LossUnit.NATS, ParamMeasure.NON_EMBEDDING).params().get("A").value();
    assertEquals(Math.pow(0.9, SyntheticSweep.ALPHA), aNonEmb / aTotal, 0.02);
  }

  @Test
  void singleVariableLawsUseTheRightPoints() {
    FitResult ln = analysis.fit("L(N)", LossUnit.NATS, ParamMeasure.TOTAL);
    assertEquals(6, ln.points().size());
    assertTrue(ln.points().stream().allMatch(p -> p.d() == 1e10), "L(N) must use the largest D per size");
    assertTrue(ln.r2() > 0.9 && ln.r2() <= 1.0);
    assertTrue(ln.params().get("alpha").value() > 0);
    FitResult ld = analysis.fit("L(D)", LossUnit.NATS, null);
    assertEquals(5, ld.points().size());
    assertTrue(ld.points().stream().allMatch(p -> p.n() == 3e8), "L(D) must use the best model per D");
    FitResult lc = analysis.fit("L(C)", LossUnit.NATS, null);
    for (int i = 1; i < lc.points().size(); i++) {
      assertTrue(lc.points().get(i).c() > lc.points().get(i - 1).c());
      assertTrue(lc.points().get(i).loss() < lc.points().get(i - 1).loss());
    }
  }

  @Test
  void reportHasOneSvgPerChartAndJsonWithTheExpectedKeys() throws IOException {
    Path out = dir.resolve("report");
    String htmlPath = ScalingReport.write(analysis, LossUnit.NATS, out.toString(), Storage.local());
    String html = Files.readString(Path.of(htmlPath));
    int charts = ScalingReport.plots(analysis, LossUnit.NATS).size();
    assertEquals(8, charts);
    assertEquals(charts, count(html, "<svg "));
    assertEquals(charts, count(html, "</svg>"));
    assertFalse(html.contains("no data to plot"));
    assertTrue(html.contains("blowup") && html.contains("diverged"));
    assertTrue(html.contains("<a href=\"fits.json\">"));

    JsonNode root = new ObjectMapper().readTree(out.resolve("fits.json").toFile());
    for (String key : new String[] {"metrics", "files", "bootstrap", "runs_used", "excluded", "fits", "isoflops"}) {
      assertTrue(root.has(key), "missing key " + key);
    }
    assertEquals(12, root.get("fits").size());
    Set<String> laws = new HashSet<>();
    for (JsonNode f : root.get("fits")) {
      laws.add(f.get("law").asText() + "/" + f.get("unit").asText() + "/" + f.get("n_measure").asText());
      assertEquals("ok", f.get("status").asText());
      JsonNode alpha = f.get("params").get("alpha");
      assertNotNull(alpha);
      assertTrue(alpha.get("lo").isNumber() && alpha.get("hi").isNumber());
    }
    assertTrue(laws.contains("L(N,D)/bits_per_byte/non_embedding"));
    assertTrue(laws.contains("L(C)/nats_per_token/null"));
    JsonNode nd = root.get("fits").get(4);
    assertEquals("L(N,D)", nd.get("law").asText());
    for (String k : new String[] {"E", "A", "B", "alpha", "beta", "a", "b"}) assertTrue(nd.get("params").has(k), k);
  }

  private static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
