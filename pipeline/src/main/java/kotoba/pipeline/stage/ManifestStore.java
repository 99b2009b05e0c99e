package kotoba.pipeline.stage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import kotoba.pipeline.storage.Storage;

/** Reads and writes the manifest of a stage output directory. */
public final class ManifestStore {
  private ManifestStore() {}

  public static Optional<Manifest> read(Storage storage, String dir) {
    String path = Storage.child(dir, Manifest.FILE_NAME);
    if (!storage.exists(path)) return Optional.empty();
    return Optional.of(Manifest.fromJson(storage.readString(path)));
  }

  public static void write(Storage storage, String dir, Manifest m) {
    storage.writeAtomically(Storage.child(dir, Manifest.FILE_NAME), m.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Removes the manifest first, so an output that a crashed run half-rewrote is never taken for complete. */
  public static void invalidate(Storage storage, String dir) {
    String path = Storage.child(dir, Manifest.FILE_NAME);
    if (storage.exists(path)) storage.delete(path);
  }
}
