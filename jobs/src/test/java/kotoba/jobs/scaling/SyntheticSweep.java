package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Test fixture: metrics of a made-up sweep whose final losses follow a known L(N, D), with optional noise. */
final class SyntheticSweep {
  static final double E = 1.69;
  static final double A = 406.4;
  static final double B = 410.7;
  static final double ALPHA = 0.34;
  static final double BETA = 0.28;
  static final double[] N = {1e6, 3e6, 1e7, 3e7, 1e8, 3e8};
  static final double[] D = {1e8, 3e8, 1e9, 3e9, 1e10};

  private SyntheticSweep() {}

  static double truth(double n, double d) {
    return E + A / Math.pow(n, ALPHA) + B / Math.pow(d, BETA);
  }

  /** Arrays n[], d[], loss[] over the N x D grid, loss multiplied by exp(noise * standard normal). */
  static double[][] grid(double noise, long seed) {
    Random rng = new Random(seed);
    int k = N.length * D.length;
    double[][] out = new double[3][k];
    int i = 0;
    for (double n : N) {
      for (double d : D) {
        out[0][i] = n;
        out[1][i] = d;
        out[2][i] = truth(n, d) * Math.exp(noise * rng.nextGaussian());
        i++;
      }
    }
    return out;
  }

  /**
   * A metrics CSV in the trainer's format: one run per (N, D) cell, each logging {@code points} evaluated steps
   * along the way, whose loss follows the truth at the tokens seen so far. Non-embedding N is a tenth smaller.
   */
  static String csv(double[] ns, double[] ds, int points) {
    StringBuilder sb = new StringBuilder("run_id,step,tokens_seen,flops,params,params_non_embedding,train_loss,"
        + "val_loss,val_perplexity,val_bits_per_byte,lr,tokens_per_s,wall_s,n_layer,d_model,n_head,context_length,"
        + "vocab_size\n");
    for (double n : ns) {
      for (double d : ds) {
        String run = String.format(Locale.ROOT, "n%.0e_d%.0e", n, d);
        for (int p = 1; p <= points; p++) {
          double tokens = d * p / points;
          double loss = truth(n, tokens);
          sb.append(String.format(Locale.ROOT, "%s,%d,%.0f,%.6e,%.0f,%.0f,%.6f,%.6f,%.6f,%.6f,0.001,1000,%d,2,64,2,"
              + "128,8000%n", run, p * 100, tokens, 6 * n * tokens, n, n * 0.9, loss * 1.01, loss, Math.exp(loss),
              loss / Math.log(2) * 0.25, p * 10));
        }
      }
    }
    return sb.toString();
  }

  static List<String> lines(String csv) {
    return new ArrayList<>(List.of(csv.split("\n")));
  }
}
