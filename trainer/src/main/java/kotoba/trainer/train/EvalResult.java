package kotoba.trainer.train;

/**
 * Validation outcome.
 *
 * @param loss        mean cross-entropy per target token, nats
 * @param perplexity  exp(loss)
 * @param bitsPerByte summed nats / (ln 2 * UTF-8 bytes of the text the targets cover)
 * @param tokens      target tokens scored
 * @param bytes       UTF-8 bytes those targets cover
 */
public record EvalResult(double loss, double perplexity, double bitsPerByte, long tokens, double bytes) {
    /** Builds the derived numbers from a nats sum. */
    public static EvalResult of(double sumNats, long tokens, double bytes) {
        double loss = tokens == 0 ? Double.NaN : sumNats / tokens;
        double bpb = bytes > 0 ? sumNats / (Math.log(2) * bytes) : Double.NaN;
        return new EvalResult(loss, Math.exp(loss), bpb, tokens, bytes);
    }
}
