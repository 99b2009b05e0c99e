package kotoba.trainer.train;

import java.util.Locale;

/** Formats the console progress line: step, loss, lr, throughput and time left. */
public final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * @param tokensPerS  throughput over this session so far
     * @param secondsLeft estimated seconds to {@code maxSteps}; negative if unknown
     */
    public static String format(long step, long maxSteps, double trainLoss, double valLoss, double valBitsPerByte,
                                double lr, double tokensPerS, double elapsedS, double secondsLeft) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "step %d/%d | loss %.4f", step, maxSteps, trainLoss));
        if (!Double.isNaN(valLoss)) {
            b.append(String.format(Locale.ROOT, " | val %.4f (%.3f bits/byte)", valLoss, valBitsPerByte));
        }
        b.append(String.format(Locale.ROOT, " | lr %.2e | %,.0f tok/s | elapsed %s | eta %s", lr, tokensPerS,
                clock(elapsedS), secondsLeft < 0 ? "?" : clock(secondsLeft)));
        return b.toString();
    }

    /** h:mm:ss (or m:ss under an hour). */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
