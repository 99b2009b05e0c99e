package kotoba.corpus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kotoba.corpus.ingest.ReadTasks.InputFile;
import org.junit.jupiter.api.Test;

class ReadTasksTest {
  private static final long MB = 1L << 20;

  @Test
  void smallFilesShareTasksAndEveryFileIsReadOnceInOrder() {
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < 1148; i++) files.add(new InputFile("man" + i, 12_000));
    List<List<String>> tasks = ReadTasks.pack(files);
    int perTask = (int) (ReadTasks.TARGET_BYTES / (ReadTasks.OPEN_COST_BYTES + 12_000));
    assertEquals((1148 + perTask - 1) / perTask, tasks.size());
    List<String> flat = new ArrayList<>();
    tasks.forEach(flat::addAll);
    assertEquals(files.stream().map(InputFile::path).toList(), flat);
  }

  @Test
  void aFileLargerThanTheTargetGetsATaskOfItsOwn() {
    List<List<String>> tasks = ReadTasks.pack(List.of(
        new InputFile("a", 10 * MB), new InputFile("huge", 900 * MB), new InputFile("b", 10 * MB),
        new InputFile("c", 100 * MB)));
    assertEquals(List.of(List.of("a"), List.of("huge"), List.of("b", "c")), tasks);
    for (List<String> t : tasks) assertTrue(!t.isEmpty());
  }

  @Test
  void noFilesNoTasks() {
    assertEquals(List.of(), ReadTasks.pack(List.of()));
  }
}
