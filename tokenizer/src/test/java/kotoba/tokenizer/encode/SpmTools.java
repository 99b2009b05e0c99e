package kotoba.tokenizer.encode;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Debian's sentencepiece command-line tools (the reference implementation) for compatibility tests. */
final class SpmTools {
  private SpmTools() {}

  /** Skips the calling test when spm is absent locally; fails it on CI, where spm must be installed. */
  static void requireSpm() {
    boolean present = onPath("spm_train") && onPath("spm_encode") && onPath("spm_decode");
    if (present) return;
    String msg = "spm_train/spm_encode/spm_decode not on PATH: install Debian's sentencepiece "
        + "(apt-get install sentencepiece) to run the compatibility tests";
    if (System.getenv("CI") != null) fail(msg);
    Assumptions.assumeTrue(false, msg);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  /** Runs a tool with stdin from a file and returns stdout lines; fails with stderr on a non-zero exit. */
  static List<String> run(Path dir, Path stdin, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) pb.redirectInput(stdin.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(err));
    }
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  /** The fixture text plus a few hundred seeded recombinations of its words, so spm has something to learn. */
  static List<String> trainingCorpus() throws IOException {
    List<String> base = resourceLines("multilingual.txt");
    List<String> words = new ArrayList<>();
    for (String line : base) words.addAll(List.of(line.split(" ")));
    Random r = new Random(20240601);
    List<String> out = new ArrayList<>(base);
    for (int i = 0; i < 400; i++) {
      StringBuilder b = new StringBuilder();
      int n = 3 + r.nextInt(10);
      for (int k = 0; k < n; k++) {
        if (k > 0) b.append(' ');
        b.append(words.get(r.nextInt(words.size())));
      }
      out.add(b.toString());
    }
    return out;
  }

  static List<String> resourceLines(String name) throws IOException {
    try (var in = SpmTools.class.getResourceAsStream("/kotoba/tokenizer/" + name)) {
      if (in == null) throw new IOException("missing test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
