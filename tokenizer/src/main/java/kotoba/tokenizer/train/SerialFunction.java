package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.function.Function;

/** A {@link Function} that can be shipped to Spark executors. */
@FunctionalInterface
public interface SerialFunction<T, R> extends Function<T, R>, Serializable {}
