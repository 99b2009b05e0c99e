package kotoba.jobs.scaling;

import java.util.List;

/**
 * Runs at (about) one compute budget: loss against model size at fixed C, the IsoFLOP profile of Hoffmann et al.
 * 2022 (approach 2).
 *
 * @param c the budget (geometric mean of the members' compute)
 * @param points one point per run, sorted by N
 * @param nOpt the model size at the minimum of a parabola in log N through the points; NaN when there are fewer
 *     than 3 sizes or the parabola opens downwards
 */
public record IsoFlopGroup(double c, List<SweepPoint> points, double nOpt) {
  public IsoFlopGroup {
    points = List.copyOf(points);
  }
}
