package kotoba.pipeline.config;

/** A user-facing configuration or input error: reported in one line, before any Spark work starts. */
public class ConfigError extends RuntimeException {
  public ConfigError(String message) {
    super(message);
  }

  public ConfigError(String message, Throwable cause) {
    super(message, cause);
  }
}
