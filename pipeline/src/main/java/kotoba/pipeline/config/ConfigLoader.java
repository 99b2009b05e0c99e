package kotoba.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.File;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the effective config: the embedded conf/local.conf, then an optional --conf file, then --set overrides,
 * later layers winning. Every value therefore has a default, and every override is checked by {@link ConfigBinder}.
 */
public final class ConfigLoader {
  /** Classpath location of conf/local.conf, packaged into the pipeline jar. */
  public static final String EMBEDDED_DEFAULT = "kotoba/conf/local.conf";

  private ConfigLoader() {}

  public static Config load(String confFile, List<String> sets) {
    Config config = overrides(sets);
    if (confFile != null) {
      File f = new File(confFile);
      if (!f.isFile()) throw new ConfigError("config file not found: " + confFile);
      try {
        config = config.withFallback(ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)));
      } catch (ConfigException e) {
        throw new ConfigError("cannot parse " + confFile + ": " + e.getMessage(), e);
      }
    }
    config = config.withFallback(embeddedDefault());
    try {
      // System environment is allowed in substitutions (${?HOME}); system properties are not merged in,
      // so that JVM flags never leak into the job's config.
      return config.resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new ConfigError("cannot resolve config: " + e.getMessage(), e);
    }
  }

  public static Config embeddedDefault() {
    var in = ConfigLoader.class.getClassLoader().getResourceAsStream(EMBEDDED_DEFAULT);
    if (in == null) throw new IllegalStateException("embedded " + EMBEDDED_DEFAULT + " missing from the classpath");
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return ConfigFactory.parseReader(r, ConfigParseOptions.defaults().setOriginDescription("conf/local.conf"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses --set key=value pairs; values are HOCON, so numbers, booleans, lists [a,b] and quoted strings work. */
  static Config overrides(List<String> sets) {
    Config c = ConfigFactory.empty();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) throw new ConfigError("--set expects key=value, got '" + s + "'");
      String key = s.substring(0, eq).trim();
      String value = s.substring(eq + 1).trim();
      Config one;
      try {
        one = ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setOriginDescription("--set " + key));
      } catch (ConfigException e) {
        // An unquoted string HOCON cannot parse (a path with ':' say) is taken literally.
        one = ConfigFactory.parseString(key + " = " + com.typesafe.config.ConfigUtil.quoteString(value),
            ConfigParseOptions.defaults().setOriginDescription("--set " + key));
      }
      c = one.withFallback(c);
    }
    return c;
  }
}
