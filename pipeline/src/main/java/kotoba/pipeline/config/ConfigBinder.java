package kotoba.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a HOCON subtree onto a Java record, strictly: every key must name a record component (snake_case in HOCON,
 * camelCase in Java), every component must have a value, and every value must have the component's type.
 * Defaults come from conf/local.conf, so a missing value means a broken config, not "use a default here" —
 * except for records that declare {@code static R defaults()}: items of a list (say, corpus inputs) take their
 * missing values from it. Enums are matched by name, or by their own {@code static parse(String)} when they have one;
 * durations take HOCON's units (30m, 90s).
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  public static <R extends Record> R bind(Config root, String path, Class<R> type) {
    if (!root.hasPath(path)) throw new ConfigError("missing config section '" + path + "'");
    ConfigValue value;
    try {
      value = root.getValue(path);
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage(), e);
    }
    return type.cast(convert(value, type, path));
  }

  private static Object bindRecord(Config c, Class<?> type, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, RecordComponent> byKey = new LinkedHashMap<>();
    for (RecordComponent rc : components) byKey.put(snake(rc.getName()), rc);
    for (String key : c.root().keySet()) {
      if (!byKey.containsKey(key)) {
        throw new ConfigError("unknown config key '" + join(path, key) + "'" + suggestion(key, byKey.keySet()));
      }
    }
    Record defaults = defaultsOf(type);
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      String key = snake(rc.getName());
      types[i] = rc.getType();
      if (!c.root().containsKey(key)) {
        if (defaults == null) throw new ConfigError("missing config key '" + join(path, key) + "'");
        try {
          args[i] = rc.getAccessor().invoke(defaults);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        continue;
      }
      ConfigValue v = c.root().get(key);
      args[i] = v.valueType() == ConfigValueType.NULL ? null : convert(v, rc.getGenericType(), join(path, key));
    }
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigError ce) throw ce;
      // Records validate themselves in their compact constructors; their messages name the field.
      throw new ConfigError("invalid config '" + path + "': " + cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static Object convert(ConfigValue v, Type target, String path) {
    Class<?> raw = target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
    Object u = v.unwrapped();
    try {
      if (raw == String.class) return scalarString(v, path);
      if (raw == int.class || raw == Integer.class) return Math.toIntExact(number(v, path).longValue());
      if (raw == long.class || raw == Long.class) return number(v, path).longValue();
      if (raw == double.class || raw == Double.class) return number(v, path).doubleValue();
      if (raw == float.class || raw == Float.class) return number(v, path).floatValue();
      if (raw == boolean.class || raw == Boolean.class) {
        if (u instanceof Boolean b) return b;
        if (u instanceof String s && (s.equals("true") || s.equals("false"))) return Boolean.parseBoolean(s);
        throw wrongType(path, "a boolean", v);
      }
      if (raw.isEnum()) return enumValue(raw, scalarString(v, path), path);
      if (raw == Duration.class) return duration(v, path);
      if (raw == List.class || raw == Set.class) {
        if (v.valueType() != ConfigValueType.LIST) throw wrongType(path, "a list", v);
        Type elem = ((ParameterizedType) target).getActualTypeArguments()[0];
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue item : (com.typesafe.config.ConfigList) v) {
          out.add(convert(item, elem, path + "[" + i++ + "]"));
        }
        return raw == Set.class ? Set.copyOf(out) : List.copyOf(out);
      }
      if (raw == Map.class) {
        if (v.valueType() != ConfigValueType.OBJECT) throw wrongType(path, "an object", v);
        Type[] kv = ((ParameterizedType) target).getActualTypeArguments();
        Map<Object, Object> out = new LinkedHashMap<>();
        // A null entry removes what a lower layer set: a cluster profile drops local.conf's spark.driver.host.
        ((com.typesafe.config.ConfigObject) v).forEach((k, item) -> {
          if (item.valueType() != ConfigValueType.NULL) {
            out.put(mapKey(k, kv[0], path), convert(item, kv[1], join(path, k)));
          }
        });
        return Map.copyOf(out);
      }
      if (raw.isRecord()) {
        if (v.valueType() != ConfigValueType.OBJECT) throw wrongType(path, "an object", v);
        return bindRecord(((com.typesafe.config.ConfigObject) v).toConfig(), raw, path);
      }
    } catch (ArithmeticException e) {
      throw new ConfigError("config key '" + path + "' is out of range: " + u);
    }
    throw new IllegalStateException("config binding does not support " + target + " at " + path);
  }

  private static Object mapKey(String key, Type keyType, String path) {
    if (keyType == String.class) return key;
    if (keyType == Integer.class) {
      try {
        return Integer.parseInt(key);
      } catch (NumberFormatException e) {
        throw new ConfigError("config key '" + join(path, key) + "': expected an integer key");
      }
    }
    throw new IllegalStateException("config binding does not support map keys of " + keyType);
  }

  /** HOCON's durations: "30m", "90 seconds", or a bare number of milliseconds. */
  private static Duration duration(ConfigValue v, String path) {
    try {
      return ConfigFactory.empty().withValue("d", v).getDuration("d");
    } catch (ConfigException e) {
      throw wrongType(path, "a duration such as 30m or 90s", v);
    }
  }

  private static String scalarString(ConfigValue v, String path) {
    return switch (v.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(v.unwrapped());
      default -> throw wrongType(path, "a string", v);
    };
  }

  private static Number number(ConfigValue v, String path) {
    Object u = v.unwrapped();
    if (u instanceof Number n) return n;
    if (u instanceof String s) {
      try {
        return s.contains(".") || s.contains("e") || s.contains("E") ? Double.parseDouble(s) : Long.parseLong(s);
      } catch (NumberFormatException e) {
        // fall through to the type error
      }
    }
    throw wrongType(path, "a number", v);
  }

  private static Record defaultsOf(Class<?> type) {
    try {
      var m = type.getDeclaredMethod("defaults");
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) return null;
      m.setAccessible(true);
      return (Record) m.invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object enumValue(Class<?> raw, String s, String path) {
    try {
      var parse = raw.getDeclaredMethod("parse", String.class);
      if (java.lang.reflect.Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == raw) {
        try {
          return parse.invoke(null, s);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw new ConfigError("config key '" + path + "': " + e.getCause().getMessage());
        }
      }
    } catch (NoSuchMethodException | IllegalAccessException e) {
      // no parse method: match by name below
    }
    for (Object c : raw.getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(s)) return c;
    }
    Set<String> names = new TreeSet<>();
    for (Object c : raw.getEnumConstants()) names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
    throw new ConfigError("config key '" + path + "' has value '" + s + "'; expected one of " + names);
  }

  private static ConfigError wrongType(String path, String expected, ConfigValue v) {
    String origin = v.origin() == null ? "" : " (" + v.origin().description() + ")";
    return new ConfigError("config key '" + path + "' must be " + expected + ", got " + v.valueType().name().toLowerCase(Locale.ROOT)
        + " " + v.render() + origin);
  }

  /** camelCase component name to the snake_case key used in HOCON. */
  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) sb.append('_').append(Character.toLowerCase(ch));
      else sb.append(ch);
    }
    return sb.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best != null && bestDistance <= Math.max(2, key.length() / 3)) return " (did you mean '" + best + "'?)";
    return "; known keys: " + known;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
