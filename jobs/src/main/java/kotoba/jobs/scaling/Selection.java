package kotoba.jobs.scaling;

import java.util.List;

/**
 * The points a fit uses and those it was offered but left out, with the reason for each.
 *
 * @param used points that go into the fit
 * @param excluded points (or groups of them) left out, and why
 */
public record Selection(List<SweepPoint> used, List<Exclusion> excluded) {
  public Selection {
    used = List.copyOf(used);
    excluded = List.copyOf(excluded);
  }
}
