package kotoba.jobs.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import kotoba.pipeline.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The options every command shares: which config to load, overrides, and whether to ignore up-to-date outputs. */
public final class ConfigOptions {
  @Option(names = "--conf", paramLabel = "FILE",
      description = "HOCON config layered over the embedded conf/local.conf (e.g. conf/cluster.conf).")
  public String confFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one config value (repeatable), e.g. --set trainer.optim.learning_rate=3e-4.")
  public List<String> sets = new ArrayList<>();

  @Option(names = "--force", description = "Rerun stages even when their outputs are up to date.")
  public boolean force;

  public Config load() {
    return ConfigLoader.load(confFile, sets);
  }
}
