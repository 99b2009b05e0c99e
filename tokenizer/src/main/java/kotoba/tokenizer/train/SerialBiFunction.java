package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.function.BiFunction;

/** A {@link BiFunction} that can be shipped to Spark executors. */
@FunctionalInterface
public interface SerialBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {}
