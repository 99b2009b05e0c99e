package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SamplerDrawTest {

    @Test
    void topKNeverDrawsOutsideTheKLargestLogits() {
        double[] logits = {0.1, 3.0, -1.0, 2.5, 2.9, 0.0};
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            int id = Sampler.draw(logits, 1.0, 2, random);
            assertTrue(id == 1 || id == 4, "drew id " + id + " outside the top 2");
        }
    }

    @Test
    void frequenciesFollowTheSoftmaxOfTemperatureScaledLogits() {
        double[] logits = {Math.log(1), Math.log(2), Math.log(7)};
        double temperature = 2.0;
        // softmax(log(p) / 2) is proportional to sqrt(p)
        double z = Math.sqrt(1) + Math.sqrt(2) + Math.sqrt(7);
        int n = 40_000;
        int[] counts = new int[3];
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            counts[Sampler.draw(logits, temperature, 0, random)]++;
        }
        for (int k = 0; k < 3; k++) {
            double expected = Math.sqrt(Math.exp(logits[k])) / z;
            assertEquals(expected, counts[k] / (double) n, 0.01, "frequency of id " + k);
        }
    }

    @Test
    void argmaxPrefersTheLowestIdOnTies() {
        assertEquals(1, Sampler.argmax(new double[] {0.0, 2.0, 2.0, 1.0}));
    }
}
