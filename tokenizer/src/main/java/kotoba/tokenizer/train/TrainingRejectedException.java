package kotoba.tokenizer.train;

/** Training cannot start or finish for a reason the user can fix (bad options, corpus too small); the message says which. */
public final class TrainingRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TrainingRejectedException(String reason) {
    super(reason);
  }
}
