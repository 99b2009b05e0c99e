package kotoba.corpus.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The stage's books, per source: records in, docs kept, drops and rejects by reason. Built from what was written,
 * so a record lost anywhere between reading and writing makes {@link #verify()} fail.
 */
final class Accounting {
  private final Map<String, Long> in = new TreeMap<>();
  private final Map<String, Long> kept = new TreeMap<>();
  private final Map<String, Map<String, Long>> dropped = new TreeMap<>();
  private final Map<String, Map<String, Long>> rejected = new TreeMap<>();

  /** Each list holds rows of (source, count) or (source, reason, count). */
  static Accounting of(List<Row> in, List<Row> kept, List<Row> drops, List<Row> rejects) {
    Accounting a = new Accounting();
    in.forEach(r -> a.in.put(r.getString(0), r.getLong(1)));
    kept.forEach(r -> a.kept.put(r.getString(0), r.getLong(1)));
    drops.forEach(r -> a.dropped.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2)));
    rejects.forEach(r -> a.rejected.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2)));
    return a;
  }

  private static long sum(Map<String, Long> m) {
    return m == null ? 0 : m.values().stream().mapToLong(Long::longValue).sum();
  }

  private TreeSet<String> sources() {
    TreeSet<String> s = new TreeSet<>(in.keySet());
    s.addAll(kept.keySet());
    s.addAll(dropped.keySet());
    s.addAll(rejected.keySet());
    return s;
  }

  /** Throws when, for any source, in != kept + dropped + rejected. */
  void verify() {
    for (String s : sources()) {
      long i = in.getOrDefault(s, 0L);
      long k = kept.getOrDefault(s, 0L);
      long d = sum(dropped.get(s));
      long r = sum(rejected.get(s));
      if (i != k + d + r) {
        throw new IllegalStateException("corpus accounting does not balance for source '" + s + "': in=" + i
            + " but kept=" + k + " + dropped=" + d + " + rejected=" + r + " = " + (k + d + r));
      }
    }
  }

  void print(PrintStream out) {
    out.println("[corpus] accounting: in = kept + dropped + rejected");
    for (String s : sources()) {
      out.printf("[corpus]   %-20s in=%d kept=%d dropped=%d %s rejected=%d %s%n", s, in.getOrDefault(s, 0L),
          kept.getOrDefault(s, 0L), sum(dropped.get(s)), dropped.getOrDefault(s, Map.of()),
          sum(rejected.get(s)), rejected.getOrDefault(s, Map.of()));
    }
    Map<String, Long> t = totals();
    out.printf("[corpus]   %-20s in=%d kept=%d dropped=%d rejected=%d%n", "TOTAL", t.get("in"), t.get("kept"),
        t.get("dropped"), t.get("rejected"));
  }

  Map<String, Long> totals() {
    Map<String, Long> t = new TreeMap<>();
    t.put("in", in.values().stream().mapToLong(Long::longValue).sum());
    t.put("kept", kept.values().stream().mapToLong(Long::longValue).sum());
    t.put("dropped", dropped.values().stream().mapToLong(Accounting::sum).sum());
    t.put("rejected", rejected.values().stream().mapToLong(Accounting::sum).sum());
    for (String s : sources()) {
      t.put("source." + s + ".in", in.getOrDefault(s, 0L));
      t.put("source." + s + ".kept", kept.getOrDefault(s, 0L));
      t.put("source." + s + ".dropped", sum(dropped.get(s)));
      t.put("source." + s + ".rejected", sum(rejected.get(s)));
    }
    return t;
  }

  /** Drop and reject counts by reason over all sources, keyed `dropped.<reason>` / `rejected.<reason>`. */
  Map<String, Long> dropsByReason() {
    Map<String, Long> out = new TreeMap<>();
    dropped.values().forEach(m -> m.forEach((k, v) -> out.merge("dropped." + k, v, Long::sum)));
    rejected.values().forEach(m -> m.forEach((k, v) -> out.merge("rejected." + k, v, Long::sum)));
    return out;
  }
}
