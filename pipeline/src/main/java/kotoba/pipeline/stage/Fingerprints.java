package kotoba.pipeline.stage;

import java.util.ArrayList;
import java.util.List;
import kotoba.pipeline.config.ConfigError;
import kotoba.pipeline.stage.Manifest.InputFingerprint;
import kotoba.pipeline.storage.Storage;
import org.apache.hadoop.fs.FileStatus;

/** Fingerprints of stage inputs: raw files by size and modification time, stage outputs by their manifest's hash. */
public final class Fingerprints {
  private Fingerprints() {}

  /** Every file matched by the patterns; a pattern matching nothing is a config error. */
  public static List<InputFingerprint> ofRawFiles(Storage storage, List<String> patterns) {
    List<InputFingerprint> out = new ArrayList<>();
    for (String pattern : patterns) {
      for (FileStatus st : storage.listFiles(pattern)) {
        out.add(new InputFingerprint(st.getPath().toString(), st.getLen(),
            "size=" + st.getLen() + ",mtime=" + st.getModificationTime()));
      }
    }
    return out;
  }

  /**
   * An upstream stage's output, identified by the hash of its manifest: if the upstream re-ran with a different
   * result, its manifest changed and so does this fingerprint. A directory without a manifest is incomplete.
   */
  public static InputFingerprint ofStageOutput(Storage storage, String dir, String expectedStage) {
    Manifest m = ManifestStore.read(storage, dir).orElseThrow(() -> new ConfigError(
        "input " + dir + " is not a complete '" + expectedStage + "' output (no " + Manifest.FILE_NAME
            + "); run `kotoba " + expectedStage + "` first"));
    if (!m.stage().equals(expectedStage)) {
      throw new ConfigError("input " + dir + " was written by stage '" + m.stage() + "', expected '" + expectedStage + "'");
    }
    String json = storage.readString(Storage.child(dir, Manifest.FILE_NAME));
    return new InputFingerprint(storage.qualify(dir), 0, "manifest-sha256=" + StageKey.digest(json));
  }
}
