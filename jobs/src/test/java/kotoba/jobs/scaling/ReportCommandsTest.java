package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import kotoba.jobs.cli.FitCommand;
import kotoba.jobs.cli.ReportCommand;
import kotoba.pipeline.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `kotoba fit` and `kotoba report` as a user runs them. */
class ReportCommandsTest {
  @TempDir Path dir;

  private Path metrics() throws Exception {
    Path m = dir.resolve("metrics.csv");
    Files.writeString(m, SyntheticSweep.csv(new double[] {1e6, 1e7, 1e8}, new double[] {1e8, 1e9, 1e10}, 3));
    return m;
  }

  @Test
  void reportWritesHtmlAndJsonIntoTheOutputDirectory() throws Exception {
    Path out = dir.resolve("out");
    String stdout = capture(() -> assertEquals(0, new CommandLine(new ReportCommand()).execute("--metrics",
        metrics().toString(), "--output", out.toString(), "--bootstrap", "3", "--unit", "bits")));
    assertTrue(Files.readString(out.resolve("report.html")).contains("bits/byte"));
    assertTrue(Files.size(out.resolve("fits.json")) > 0);
    assertTrue(stdout.contains("9 run(s) used, 0 excluded; 12 of 12 fits made"), stdout);
  }

  @Test
  void fitPrintsOneBlockPerLaw() throws Exception {
    String stdout = capture(() -> assertEquals(0, new CommandLine(new FitCommand()).execute("--metrics",
        metrics().toString(), "--bootstrap", "0")));
    for (String law : new String[] {"L(N) ", "L(D) ", "L(C) ", "L(N,D) "}) {
      assertTrue(stdout.contains(law), law + " missing from:\n" + stdout);
    }
    assertTrue(stdout.contains("N=non_embedding") && stdout.contains("bits/byte"), stdout);
  }

  @Test
  void aMissingMetricsPathIsAConfigErrorNotAStackTrace() {
    AtomicReference<Exception> error = new AtomicReference<>();
    CommandLine cli = new CommandLine(new FitCommand());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      error.set(e);
      return 2;
    });
    assertEquals(2, cli.execute("--metrics", dir.resolve("absent").toString()));
    assertInstanceOf(ConfigError.class, error.get());
  }

  @Test
  void helpDescribesTheOptions() {
    StringWriter sw = new StringWriter();
    CommandLine cli = new CommandLine(new ReportCommand());
    cli.setOut(new PrintWriter(sw));
    assertEquals(0, cli.execute("--help"));
    assertTrue(sw.toString().contains("--metrics") && sw.toString().contains("--output"), sw.toString());
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String capture(Body body) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
