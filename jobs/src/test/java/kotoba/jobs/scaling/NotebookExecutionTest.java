package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/scaling_laws.ipynb with Debian's Jupyter (jupyter nbconvert --execute) on a metrics directory
 * this test writes, and checks the notebook's own fit. Skipped where Jupyter is not installed, except in CI.
 */
class NotebookExecutionTest {
  private static final double ALPHA = 0.05;
  private static final double NC = 1e12;

  @TempDir Path dir;

  @Test
  void notebookRefitsLOfNFromAMetricsDirectory() throws Exception {
    requireJupyter();
    Path notebook = Path.of(System.getProperty("user.dir")).getParent().resolve("notebooks/scaling_laws.ipynb");
    assertTrue(Files.isRegularFile(notebook), "missing " + notebook);
    Path metrics = Files.createDirectories(dir.resolve("metrics/sub"));
    Files.writeString(metrics.resolve("runs.csv"), csv());

    List<String> cmd = List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=120", "--output-dir", dir.toString(), "--output", "executed.ipynb",
        notebook.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("KOTOBA_METRICS", dir.resolve("metrics").toString());
    pb.environment().put("MPLBACKEND", "Agg");
    Process p = pb.start();
    p.getOutputStream().close();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "nbconvert did not finish");
    assertEquals(0, p.exitValue(), "nbconvert failed:\n" + log);

    JsonNode nb = new ObjectMapper().readTree(dir.resolve("executed.ipynb").toFile());
    StringBuilder out = new StringBuilder();
    boolean image = false;
    for (JsonNode cell : nb.get("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        for (JsonNode t : o.path("text")) out.append(t.asText());
        if (o.path("data").has("image/png")) image = true;
      }
    }
    String text = out.toString();
    assertTrue(text.contains("excluded blowup: diverged"), text);
    Matcher m = Pattern.compile("alpha = ([0-9.]+)").matcher(text);
    assertTrue(m.find(), text);
    assertEquals(ALPHA, Double.parseDouble(m.group(1)), 1e-4);
    Matcher r2 = Pattern.compile("R2 = ([0-9.]+)").matcher(text);
    assertTrue(r2.find(), text);
    assertEquals(1.0, Double.parseDouble(r2.group(1)), 1e-4);
    assertTrue(image, "the notebook drew no plot");
  }

  /**
   * Five model sizes, two data budgets each (the smaller one data-limited), losses exactly on L(N) at the larger
   * budget; plus a run whose loss went NaN, written as the trainer writes it (an empty field).
   */
  private static String csv() {
    StringBuilder sb = new StringBuilder(
        "run_id,step,tokens_seen,flops,params,params_non_embedding,train_loss,val_loss,val_bits_per_byte\n");
    for (double n : new double[] {2e5, 1e6, 5e6, 2e7, 1e8}) {
      for (double budget : new double[] {1e8, 1e9}) {
        String run = String.format(Locale.ROOT, "n%.0e_d%.0e", n, budget);
        for (int k = 1; k <= 4; k++) {
          double d = budget * k / 4;
          double loss = Math.pow(NC / n, ALPHA) * (1 + 1e7 / d) / (1 + 1e7 / 1e9);
          sb.append(String.format(Locale.ROOT, "%s,%d,%.0f,%.6e,%.0f,%.0f,%.8f,%s,%.8f%n", run, k * 10, d,
              6 * n * d, n * 1.2, n, loss, k % 2 == 0 ? String.format(Locale.ROOT, "%.10f", loss) : "", loss / 3));
        }
      }
    }
    sb.append("blowup,10,1000,6e9,1200000,1000000,5.0,4.0,1.3\nblowup,20,2000,1.2e10,1200000,1000000,,,\n");
    return sb.toString();
  }

  private static void requireJupyter() throws InterruptedException {
    boolean ok;
    try {
      Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    if (!ok && System.getenv("CI") != null) {
      fail("jupyter nbconvert is not installed (CI is set): run bin/setup to install jupyter-nbconvert, "
          + "python3-ipykernel, python3-pandas, python3-matplotlib");
    }
    assumeTrue(ok, "jupyter nbconvert is not installed: notebook not executed");
  }
}
