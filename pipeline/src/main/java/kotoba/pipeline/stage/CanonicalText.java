package kotoba.pipeline.stage;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A rendering of a typed config that is the same in every JVM: record components in declaration order, map entries
 * and set elements sorted. (Record.toString is not: Map.copyOf and Set.copyOf iterate in a per-JVM random order.)
 * Components marked {@link NotKeyed} are left out.
 */
final class CanonicalText {
  private CanonicalText() {}

  static String of(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    if (v instanceof Record r) {
      sb.append(r.getClass().getSimpleName()).append('{');
      boolean first = true;
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.isAnnotationPresent(NotKeyed.class)) continue;
        if (!first) sb.append(',');
        first = false;
        sb.append(c.getName()).append('=');
        try {
          c.getAccessor().setAccessible(true);
          append(sb, c.getAccessor().invoke(r));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      sb.append('}');
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      sb.append('{');
      sorted.forEach((k, x) -> {
        sb.append(k).append('=');
        append(sb, x);
        sb.append(';');
      });
      sb.append('}');
    } else if (v instanceof Set<?> s) {
      sb.append('[');
      s.stream().map(CanonicalText::of).sorted().forEach(x -> sb.append(x).append(';'));
      sb.append(']');
    } else if (v instanceof Collection<?> c) {
      sb.append('[');
      for (Object x : List.copyOf(c)) {
        append(sb, x);
        sb.append(';');
      }
      sb.append(']');
    } else if (v instanceof byte[] b) {
      sb.append(java.util.HexFormat.of().formatHex(b));
    } else {
      sb.append(v);
    }
  }
}
