package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.function.BiConsumer;

/** A {@link BiConsumer} that can be shipped to Spark executors. */
@FunctionalInterface
public interface SerialBiConsumer<T, U> extends BiConsumer<T, U>, Serializable {}
