package kotoba.tokenizer.encode;

/**
 * A segmentation of normalized UTF-8 bytes into pieces: piece i spans bytes {@code [ends(i-1), ends(i))} and has
 * id {@code ids(i)}; unknown spans carry the unk id. Encoders produce it; {@link Tokenizer} turns it into ids the
 * way spm does (merging unknown runs or expanding them to byte pieces).
 */
final class Segmentation {
  final IntList ids;
  final IntList ends;

  Segmentation(int capacity) {
    ids = new IntList(capacity);
    ends = new IntList(capacity);
  }

  void add(int id, int end) {
    ids.add(id);
    ends.add(end);
  }

  int size() {
    return ids.size();
  }

  int start(int i) {
    return i == 0 ? 0 : ends.get(i - 1);
  }
}
