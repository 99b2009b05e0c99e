package kotoba.tokenizer.train;

import java.io.Serializable;
import java.util.function.BinaryOperator;

/** A {@link BinaryOperator} that can be shipped to Spark executors. */
@FunctionalInterface
public interface SerialBinaryOperator<T> extends BinaryOperator<T>, Serializable {}
