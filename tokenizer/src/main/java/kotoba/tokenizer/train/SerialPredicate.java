package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.function.Predicate;

/** A {@link Predicate} that can be shipped to Spark executors. */
@FunctionalInterface
public interface SerialPredicate<T> extends Predicate<T>, Serializable {}
