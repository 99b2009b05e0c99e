package kotoba.jobs.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {
  @Test
  void manyDecadesGetPowersOfTen() {
    assertEquals(List.of(1e6, 1e7, 1e8, 1e9), LogTicks.ticks(5.8, 9.2));
  }

  @Test
  void aNarrowLossRangeGetsRoundLinearTicksInside() {
    List<Double> t = LogTicks.ticks(Math.log10(3.1), Math.log10(4.6));
    assertTrue(t.size() >= 3, t.toString());
    for (double v : t) assertTrue(v >= 3.1 && v <= 4.6, t.toString());
    assertTrue(t.contains(3.5) || t.contains(4.0), t.toString());
  }

  @Test
  void labelsAreShort() {
    assertEquals("1e8", LogTicks.label(1e8));
    assertEquals("3e21", LogTicks.label(3e21));
    assertEquals("2.5", LogTicks.label(2.5));
    assertEquals("1500", LogTicks.label(1500));
    assertEquals("1e4", LogTicks.label(9999.9));
  }
}
