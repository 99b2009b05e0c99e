package kotoba.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class ShuffleBufferTest {
    @Test
    void emitsEveryItemExactlyOnceInAShuffledOrder() {
        ShuffleBuffer<Integer> buffer = new ShuffleBuffer<>(16, new Random(1));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Integer o = buffer.offer(i);
            if (o != null) {
                out.add(o);
            }
        }
        for (Integer o = buffer.poll(); o != null; o = buffer.poll()) {
            out.add(o);
        }
        assertEquals(IntStream.range(0, 200).boxed().toList(), out.stream().sorted().toList());
        assertNotEquals(IntStream.range(0, 200).boxed().toList(), out);
    }

    @Test
    void capacityZeroKeepsOrder() {
        ShuffleBuffer<Integer> buffer = new ShuffleBuffer<>(0, new Random(1));
        assertEquals(3, buffer.offer(3));
        assertNull(buffer.poll());
    }
}
