package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GptConfigTest {

    @Test
    void defaultsFollowGpt2() {
        GptConfig c = GptConfig.of(100, 32, 3, 24, 4);
        assertEquals(96, c.dFf());
        assertEquals(6, c.headSize());
        assertEquals(0.0, c.dropout());
        assertEquals(false, c.tieEmbeddings());
    }

    @Test
    void headsMustDivideWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GptConfig.of(100, 32, 3, 24, 5));
        assertTrue(e.getMessage().contains("nHead (5) must divide dModel (24)"), e.getMessage());
    }

    @Test
    void sizesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GptConfig.of(100, 0, 3, 24, 4));
        assertTrue(e.getMessage().contains("contextLength"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GptConfig.of(100, 32, -1, 24, 4));
        assertThrows(IllegalArgumentException.class, () -> GptConfig.of(1, 32, 1, 24, 4));
        assertThrows(IllegalArgumentException.class, () -> GptConfig.of(100, 32, 1, 24, 4).withDff(0));
    }

    @Test
    void dropoutMustBeAProbabilityBelowOne() {
        GptConfig c = GptConfig.of(100, 32, 3, 24, 4);
        assertEquals(0.1, c.withDropout(0.1).dropout());
        assertThrows(IllegalArgumentException.class, () -> c.withDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> c.withDropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> c.withDropout(Double.NaN));
    }
}
