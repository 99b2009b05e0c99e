package kotoba.pipeline.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import kotoba.pipeline.stage.Manifest.InputFingerprint;

/**
 * What decides whether a stage must run again: its name and version, the code version, a digest of its typed config
 * and fingerprints of its inputs. Two equal keys mean the existing output is still right.
 */
public record StageKey(String stage, int stageVersion, String codeVersion, String configDigest,
    List<InputFingerprint> inputs) {

  public static StageKey of(String stage, int stageVersion, Record config, List<InputFingerprint> inputs) {
    return new StageKey(stage, stageVersion, CodeVersion.get(), digest(CanonicalText.of(config)), List.copyOf(inputs));
  }

  public boolean matches(Manifest m) {
    return stage.equals(m.stage()) && stageVersion == m.stageVersion() && codeVersion.equals(m.codeVersion())
        && configDigest.equals(m.configDigest()) && inputs.equals(m.inputs());
  }

  /**
   * Whether a stage's partial work (a training run's checkpoints) belongs to this key: everything but the code
   * version, so that a launcher with another version string (`bin/kotoba` from module jars says "dev", the
   * spark-submit jar its release) or a new release continues an interrupted run instead of discarding it. A stage whose
   * partial work a new release cannot continue bumps its stage version.
   */
  public String resumeIdentity() {
    return digest(new StageKey(stage, stageVersion, "", configDigest, inputs).toString());
  }

  public static String digest(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
