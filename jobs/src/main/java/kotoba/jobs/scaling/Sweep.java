package kotoba.jobs.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep's runs ready for fitting: rows grouped by run, runs that diverged or were never evaluated set aside with
 * the reason, so one bad run costs its own points and nothing else.
 *
 * @param runs runs usable for fitting
 * @param excluded runs (and unreadable rows/files) left out, with reasons
 */
public record Sweep(List<Run> runs, List<Exclusion> excluded) {
  public Sweep {
    runs = List.copyOf(runs);
    excluded = List.copyOf(excluded);
  }

  public static Sweep of(MetricsTable table) {
    Map<String, List<StepMetrics>> byRun = new LinkedHashMap<>();
    for (StepMetrics r : table.rows()) byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r);
    List<Run> runs = new ArrayList<>();
    List<Exclusion> excluded = new ArrayList<>();
    for (String reject : table.rejects()) excluded.add(new Exclusion("input", reject));
    for (Map.Entry<String, List<StepMetrics>> e : byRun.entrySet()) {
      // The same step twice means the same metrics were read twice (a sweep's metrics.csv and its runs' own
      // files under one directory): keep the last copy, and say so.
      Map<Long, StepMetrics> byStep = new LinkedHashMap<>();
      for (StepMetrics r : e.getValue()) byStep.put(r.step(), r);
      int duplicates = e.getValue().size() - byStep.size();
      if (duplicates > 0) {
        excluded.add(new Exclusion(e.getKey(), duplicates + " duplicate row(s) for steps already read were ignored"));
      }
      Run run = new Run(e.getKey(), new ArrayList<>(byStep.values()));
      Optional<StepMetrics> bad = run.firstNonFinite();
      if (bad.isPresent()) {
        excluded.add(new Exclusion(run.id(), "diverged: loss is NaN or infinite at step " + bad.get().step()));
      } else if (run.finalPoint(LossUnit.NATS).isEmpty()) {
        excluded.add(new Exclusion(run.id(), "no validation loss logged"));
      } else {
        runs.add(run);
      }
    }
    return new Sweep(runs, excluded);
  }
}
