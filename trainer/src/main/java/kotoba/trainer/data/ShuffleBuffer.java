package kotoba.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A bounded random-order buffer: once full, each new item takes the slot of a uniformly chosen one, which leaves.
 * Every item offered leaves exactly once (on {@link #offer} or {@link #poll}), so a stream passed through it is
 * permuted without replacement while memory stays at {@code capacity} items.
 */
public final class ShuffleBuffer<T> {
    private final List<T> items;
    private final int capacity;
    private final Random rng;

    /** @param capacity 0 or 1 makes the buffer a pass-through (fixed order). */
    public ShuffleBuffer(int capacity, Random rng) {
        if (capacity < 0) {
            throw new IllegalArgumentException("shuffle buffer capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayList<>(Math.min(capacity, 1 << 16));
        this.rng = rng;
    }

    /** Adds {@code item}; returns the item that leaves in exchange, or null while the buffer is filling. */
    public T offer(T item) {
        if (capacity <= 1) {
            return item;
        }
        if (items.size() < capacity) {
            items.add(item);
            return null;
        }
        int slot = rng.nextInt(capacity);
        T out = items.get(slot);
        items.set(slot, item);
        return out;
    }

    /** Removes and returns a uniformly chosen remaining item (used once the input is exhausted), or null if empty. */
    public T poll() {
        if (items.isEmpty()) {
            return null;
        }
        int slot = rng.nextInt(items.size());
        int last = items.size() - 1;
        T out = items.get(slot);
        items.set(slot, items.get(last));
        items.remove(last);
        return out;
    }
}
