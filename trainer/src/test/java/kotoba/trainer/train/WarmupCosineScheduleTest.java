package kotoba.trainer.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.*;

class WarmupCosineScheduleTest {
    final WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3, 1e-4, 10, 110);

    @Test
    void warmsUpLinearlyToThePeak() {
        assertEquals(1e-4, s.valueAt(0, 0), 1e-15);
        assertEquals(5e-4, s.valueAt(4, 0), 1e-15);
        assertEquals(1e-3, s.valueAt(9, 0), 1e-15);
        for (int i = 1; i < 10; i++) {
            assertTrue(s.valueAt(i, 0) > s.valueAt(i - 1, 0));
        }
    }

    @Test
    void decaysByCosineToTheFloorAndStaysThere() {
        assertEquals(1e-3, s.valueAt(10, 0), 1e-15);
        // Halfway through the decay the cosine term is 1/2: midpoint of peak and floor.
        assertEquals(5.5e-4, s.valueAt(60, 0), 1e-12);
        assertEquals(1e-4, s.valueAt(110, 0), 1e-15);
        assertEquals(1e-4, s.valueAt(5000, 0), 1e-15);
        for (int i = 11; i <= 110; i++) {
            assertTrue(s.valueAt(i, 0) < s.valueAt(i - 1, 0), "not decreasing at " + i);
        }
    }

    @Test
    void survivesJsonRoundTripInsideAdam() throws Exception {
        IUpdater adam = new Adam.Builder().learningRateSchedule(s).build();
        ObjectMapper mapper = new ObjectMapper();
        IUpdater back = mapper.readValue(mapper.writeValueAsString(adam), IUpdater.class);
        assertEquals(s.valueAt(37, 0), back.getLearningRate(37, 0), 0);
        assertEquals(s, s.clone());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineSchedule(1e-3, 1e-2, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineSchedule(1e-3, 0, 20, 10));
    }
}
