package kotoba.pipeline.stage;

/**
 * A stage that stopped in a way that running it again continues from where it stopped (its checkpoints stay):
 * reported without a stack trace and with its own exit code, so a scheduler can tell it from a broken config or a bug.
 */
public class ResumableFailure extends RuntimeException {
  public ResumableFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
