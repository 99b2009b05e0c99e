package kotoba.jobs.scaling;

import java.util.Locale;

/** The unit a loss is fitted in: nats per token (the model's own loss) or bits per byte (tokenizer-independent). */
public enum LossUnit {
  NATS("nats_per_token", "nats/token"),
  BITS("bits_per_byte", "bits/byte");

  private final String key;
  private final String label;

  LossUnit(String key, String label) {
    this.key = key;
    this.label = label;
  }

  /** The name used in fits.json. */
  public String key() {
    return key;
  }

  /** The name printed on axes and in tables. */
  public String label() {
    return label;
  }

  /** Accepts the config spellings: nats, nats_per_token, bits, bits_per_byte (any case). */
  public static LossUnit parse(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.equals("nats") || v.equals("nats_per_token")) return NATS;
    if (v.equals("bits") || v.equals("bits_per_byte") || v.equals("bpb")) return BITS;
    throw new IllegalArgumentException("unknown loss unit '" + s + "' (expected nats or bits)");
  }
}
