package kotoba.pipeline.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The `_manifest.json` a stage writes last into its output directory: its presence means the output is complete.
 *
 * @param stage stage name (corpus, tokenizer, tokenize, train)
 * @param stageVersion bumped when the same input and config would give different output
 * @param codeVersion kotoba version that wrote it
 * @param configDigest SHA-256 of the stage's typed config
 * @param inputs what the stage read, each with a fingerprint; unchanged inputs + config = the stage is skipped
 * @param counts row/byte/token counts, by name (`in`, `kept`, `train.docs`, ...)
 * @param drops per-reason drop and reject counts
 * @param info stage-specific facts the next stage needs (vocab size, special ids, output paths)
 * @param wallSeconds how long the stage ran
 * @param createdAt ISO-8601 time the manifest was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String stage,
    int stageVersion,
    String codeVersion,
    String configDigest,
    List<InputFingerprint> inputs,
    Map<String, Long> counts,
    Map<String, Long> drops,
    Map<String, Object> info,
    double wallSeconds,
    String createdAt) {

  public static final String FILE_NAME = "_manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Manifest {
    inputs = List.copyOf(inputs);
    counts = new TreeMap<>(counts);
    drops = new TreeMap<>(drops);
    info = info == null ? Map.of() : new TreeMap<>(info);
  }

  /** One thing a stage read: a raw file (fingerprint = size and modification time) or an upstream stage's manifest. */
  public record InputFingerprint(String path, long bytes, String fingerprint) {}

  public long count(String name) {
    Long v = counts.get(name);
    if (v == null) throw new IllegalStateException("manifest of stage " + stage + " has no count '" + name + "'");
    return v;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Manifest fromJson(String json) {
    try {
      return JSON.readValue(json.getBytes(StandardCharsets.UTF_8), Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a kotoba manifest: " + e.getMessage(), e);
    }
  }
}
