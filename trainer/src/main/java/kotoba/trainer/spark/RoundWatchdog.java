package kotoba.trainer.spark;

import kotoba.pipeline.stage.ResumableFailure;
import org.apache.spark.api.java.JavaSparkContext;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Cancels an averaging round's Spark jobs once it has run longer than its timeout, so that a round that would never
 * end (a result fetch that died of OutOfMemoryError in the driver, a task on an executor that stopped answering)
 * becomes an error the run can resume from, like the collective timeout of torch's distributed training.
 */
final class RoundWatchdog implements AutoCloseable {
    /** The local property setJobGroup sets (SparkContext.SPARK_JOB_GROUP_ID, which Spark keeps private). */
    static final String JOB_GROUP = "spark.jobGroup.id";
    /**
     * After the deadline, cancel again this often (or as often as the timeout, if shorter): a round runs several
     * jobs, and one may start after a cancel.
     */
    private static final long RECANCEL_MS = 200;
    private static final long CANCELLED_TASKS_GRACE_MS = 30_000;

    private final JavaSparkContext sc;
    private final Duration timeout;
    private final ScheduledExecutorService timer;

    RoundWatchdog(JavaSparkContext sc, Duration timeout) {
        this.sc = sc;
        this.timeout = timeout;
        this.timer = timeout.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kotoba-round-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code body}, the round named {@code round} in messages, on this thread in the caller's Spark job group
     * (or in one of its own when the caller has none), and cancels that group from the deadline on until it returns.
     *
     * @throws RoundTimeoutException when the round failed after its deadline passed (Spark's cancellation is its
     *                               cause); a round that finished, however late, is kept
     */
    <T> T run(String round, Supplier<T> body) {
        if (timer == null) {
            return body.get();
        }
        String callersGroup = sc.getLocalProperty(JOB_GROUP);
        String group = callersGroup != null ? callersGroup : "kotoba-round-" + UUID.randomUUID();
        if (callersGroup == null) {
            sc.setJobGroup(group, "kotoba " + round, false);
        }
        long every = Math.max(1, Math.min(RECANCEL_MS, timeout.toMillis()));
        AtomicBoolean late = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ScheduledFuture<?> cancelling = timer.scheduleAtFixedRate(() -> {
            // Under the lock so no cancel is posted once the round has returned: the next round may share the group.
            synchronized (done) {
                if (!done.get()) {
                    late.set(true);
                    sc.cancelJobGroup(group);
                }
            }
        }, timeout.toMillis(), every, TimeUnit.MILLISECONDS);
        try {
            return body.get();
        } catch (Exception e) { // Spark's Scala code throws SparkException, a checked exception, undeclared
            if (late.get()) {
                // A cancelled job fails at once, but its tasks stop only at their next check (DL4J's training loop
                // has none), and a context stopped under them spills interrupted threads' stack traces after the
                // error. A hung task never stops: the grace is 30 s, or the timeout if shorter.
                awaitNoRunningTasks(sc, Math.min(CANCELLED_TASKS_GRACE_MS, timeout.toMillis()));
                throw new RoundTimeoutException(round + " did not finish within " + timeout.toString()
                        .substring(2).toLowerCase() + " (trainer.spark.round_timeout), so Spark cancelled it. Run "
                        + "the same kotoba command again to resume from the newest checkpoint. A round running this "
                        + "long points to a hung driver or executor (their logs say which); if rounds really take "
                        + "this long, raise the timeout.", e);
            }
            throw e;
        } finally {
            synchronized (done) {
                done.set(true);
            }
            cancelling.cancel(false);
            if (callersGroup == null) {
                sc.clearJobGroup();
            }
        }
    }

    /** Waits up to {@code graceMs} for every executor to run no task; says whether they got there. */
    static boolean awaitNoRunningTasks(JavaSparkContext sc, long graceMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        while (Arrays.stream(sc.sc().statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** An averaging round that Spark cancelled because it ran past {@code trainer.spark.round_timeout}. */
    static final class RoundTimeoutException extends ResumableFailure {
        RoundTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
