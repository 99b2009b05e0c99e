package kotoba.tokenizer.train;

import java.io.Serializable;

/**
 * One double per piece, summed over partitions. Allocated on first use: an aggregation's zero value travels inside
 * every task, and one double per piece made it megabytes.
 */
final class PieceTotals implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int size;
  private double[] values;

  PieceTotals(int size) {
    this.size = size;
  }

  double[] values() {
    if (values == null) values = new double[size];
    return values;
  }

  void addAll(PieceTotals o) {
    if (o.values == null) return;
    double[] v = values();
    for (int i = 0; i < v.length; i++) v[i] += o.values[i];
  }
}
