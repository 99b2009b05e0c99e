package kotoba.trainer.data;

/**
 * {@code context + 1} consecutive tokens of the packed stream (inputs are the first {@code context}, targets the
 * last {@code context}) and the UTF-8 bytes of text that the targets stand for.
 *
 * <p>A document's bytes are spread evenly over its tokens and {@code </s>} carries none, so summing
 * {@code targetBytes} over blocks that cover a text gives that text's byte length.
 */
public record PackedBlock(int[] tokens, double targetBytes) {
}
