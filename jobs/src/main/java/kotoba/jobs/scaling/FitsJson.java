package kotoba.jobs.scaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fits.json: every number the report shows, for programs. Non-finite numbers (an interval without refits, X_c of a
 * flat law) are written as null, since JSON has no NaN.
 */
public final class FitsJson {
  private FitsJson() {}

  public static String write(Analysis a) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metrics", a.metrics().source());
    root.put("files", a.metrics().files());
    Map<String, Object> boot = new LinkedHashMap<>();
    boot.put("replicates", a.bootstrap());
    boot.put("seed", a.seed());
    boot.put("interval", "percentile 2.5-97.5");
    root.put("bootstrap", boot);
    root.put("runs_used", a.sweep().runs().stream().map(Run::id).toList());
    root.put("excluded", exclusions(a.sweep().excluded()));
    List<Object> fits = new ArrayList<>();
    for (FitResult f : a.fits()) fits.add(fit(f));
    root.put("fits", fits);
    Map<String, Object> iso = new LinkedHashMap<>();
    a.isoFlops().forEach((unit, profiles) -> iso.put(unit.key(), isoFlops(profiles)));
    root.put("isoflops", iso);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise fits", e);
    }
  }

  private static Map<String, Object> fit(FitResult f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("law", f.law());
    m.put("formula", formula(f.law()));
    m.put("unit", f.unit().key());
    m.put("n_measure", f.measure() == null ? null : f.measure().key());
    m.put("status", f.ok() ? "ok" : "skipped");
    m.put("message", f.message());
    Map<String, Object> params = new LinkedHashMap<>();
    f.params().forEach((k, e) -> params.put(k, estimate(e)));
    m.put("params", params);
    m.put("r2", num(f.r2()));
    m.put("bootstrap_used", f.bootstrapUsed());
    if (f.chinchilla() != null) {
      m.put("huber_objective", num(f.chinchilla().objective()));
      m.put("converged", f.chinchilla().converged());
      m.put("G", num(f.chinchilla().g()));
    }
    List<Object> pts = new ArrayList<>();
    for (SweepPoint p : f.points()) pts.add(point(p));
    m.put("points", pts);
    m.put("excluded", exclusions(f.excluded()));
    return m;
  }

  private static String formula(String law) {
    return switch (law) {
      case "L(N)" -> "L = (N_c / N)^alpha";
      case "L(D)" -> "L = (D_c / D)^alpha";
      case "L(C)" -> "L = (C_c / C)^alpha";
      case "L(N,D)" -> "L = E + A / N^alpha + B / D^beta; N*(C) ~ C^a, D*(C) ~ C^b with C = 6 N D";
      default -> law;
    };
  }

  private static Map<String, Object> isoFlops(IsoFlops.Profiles p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", p.mode().name().toLowerCase(java.util.Locale.ROOT));
    m.put("n_measure", ParamMeasure.TOTAL.key());
    List<Object> groups = new ArrayList<>();
    for (IsoFlopGroup g : p.groups()) {
      Map<String, Object> gm = new LinkedHashMap<>();
      gm.put("c", num(g.c()));
      gm.put("n_opt", num(g.nOpt()));
      gm.put("points", g.points().stream().map(FitsJson::point).toList());
      groups.add(gm);
    }
    m.put("groups", groups);
    return m;
  }

  private static Map<String, Object> estimate(Estimate e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", num(e.value()));
    m.put("lo", num(e.lo()));
    m.put("hi", num(e.hi()));
    return m;
  }

  private static Map<String, Object> point(SweepPoint p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", p.runId());
    m.put("step", p.step());
    m.put("n", num(p.n()));
    m.put("d", num(p.d()));
    m.put("c", num(p.c()));
    m.put("loss", num(p.loss()));
    return m;
  }

  private static List<Object> exclusions(List<Exclusion> ex) {
    List<Object> out = new ArrayList<>();
    for (Exclusion e : ex) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("what", e.what());
      m.put("reason", e.reason());
      out.add(m);
    }
    return out;
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
