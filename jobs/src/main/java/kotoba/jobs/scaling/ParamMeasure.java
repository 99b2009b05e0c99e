package kotoba.jobs.scaling;

/** How a model's size N is counted: every parameter, or all but the embeddings (Kaplan et al. 2020). */
public enum ParamMeasure {
  TOTAL("total", "N (total params)"),
  NON_EMBEDDING("non_embedding", "N (non-embedding params)");

  private final String key;
  private final String label;

  ParamMeasure(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The name used in fits.json. */
  public String key() {
    return key;
  }

  /** The axis label. */
  public String label() {
    return label;
  }
}
