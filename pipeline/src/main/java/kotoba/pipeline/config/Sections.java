package kotoba.pipeline.config;

import com.typesafe.config.Config;
import java.util.Set;
import java.util.TreeSet;

/** Checks the top level of a config: only known sections, so `--set trainr.lr=1` fails instead of being ignored. */
public final class Sections {
  private Sections() {}

  public static void requireKnown(Config config, Set<String> known) {
    for (String key : config.root().keySet()) {
      if (!known.contains(key)) {
        throw new ConfigError("unknown config section '" + key + "'; known sections: " + new TreeSet<>(known));
      }
    }
  }
}
