package kotoba.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kotoba.tokenizer.encode.Tokenizer;

/**
 * Single-threaded encoding with kotoba's Tokenizer: token count (for bytes per token) and throughput over text held
 * in memory, after warm-up passes, so the number is the steady-state encoder and not JIT or file reading.
 *
 * <p>Usage: EncodeBench MODEL TEXT_FILE PASSES [IDS_OUT]. One line of TEXT_FILE is one encode() call, as one line is
 * for spm_encode. IDS_OUT, if given, gets the ids of every line, space-separated, for a parity check with spm_encode.
 * Prints key=value lines: lines, bytes, tokens, bytes_per_token, pass_mb_s (each timed pass), best_mb_s, median_mb_s.
 */
public final class EncodeBench {
  private EncodeBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: EncodeBench MODEL TEXT_FILE PASSES [IDS_OUT]");
      System.exit(2);
    }
    Tokenizer tok = Tokenizer.load(Path.of(args[0]));
    List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
    int passes = Integer.parseInt(args[2]);
    long bytes = 0;
    for (String l : lines) bytes += l.getBytes(StandardCharsets.UTF_8).length;

    long tokens = 0;
    if (args.length > 3) {
      try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
        for (String l : lines) {
          int[] ids = tok.encode(l);
          tokens += ids.length;
          StringBuilder sb = new StringBuilder(ids.length * 5);
          for (int i = 0; i < ids.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(ids[i]);
          }
          out.write(sb.toString());
          out.write('\n');
        }
      }
    } else {
      for (String l : lines) tokens += tok.encode(l).length;
    }

    // Warm-up: the pass above plus two more, so C2 has compiled the encoder's hot loops before timing.
    long sink = 0;
    for (int w = 0; w < 2; w++) for (String l : lines) sink += tok.encode(l).length;
    double[] mbs = new double[passes];
    for (int p = 0; p < passes; p++) {
      long t0 = System.nanoTime();
      for (String l : lines) sink += tok.encode(l).length;
      mbs[p] = bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }
    double[] sorted = mbs.clone();
    Arrays.sort(sorted);
    List<String> each = new ArrayList<>();
    for (double m : mbs) each.add(String.format("%.3f", m));
    System.out.println("lines=" + lines.size());
    System.out.println("bytes=" + bytes);
    System.out.println("tokens=" + tokens);
    System.out.printf("bytes_per_token=%.4f%n", (double) bytes / tokens);
    System.out.println("pass_mb_s=" + String.join(",", each));
    System.out.printf("best_mb_s=%.3f%n", passes == 0 ? 0 : sorted[passes - 1]);
    System.out.printf("median_mb_s=%.3f%n", passes == 0 ? 0 : sorted[passes / 2]);
    System.out.println("sink=" + sink);
  }
}
