package kotoba.trainer.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import kotoba.trainer.data.BatchEncoder;
import kotoba.trainer.data.Cursor;
import kotoba.trainer.data.LabelLayout;
import kotoba.trainer.data.TokenBlockReader;
import kotoba.trainer.train.OptimizerSetup;
import kotoba.trainer.train.SparkOptions;
import kotoba.trainer.train.TinyLm;
import kotoba.trainer.train.TrainerConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark trainer with its workers in executor processes of their own (Spark's embedded standalone cluster,
 * {@code local-cluster[2,1,1024]}), as on a real cluster: parameters, moments and kept networks cross process
 * boundaries, and what a worker keeps lives in the executor's JVM, not the driver's, where {@code local[N]} tests
 * would see it. Runs in a JVM of its own (the trainer pom's {@code executor-processes} execution): one JVM holds one
 * SparkContext, and the suite's other Spark tests share a {@code local[2]} one.
 */
class SparkTrainerOnExecutorProcessesTest {
    static SparkSession spark;
    static JavaSparkContext sc;

    @TempDir
    static Path tmp;
    static String corpus;

    @BeforeAll
    static void start() throws Exception {
        // Spark's standalone worker launches executors as a distribution does, from SPARK_HOME/jars; the pom points
        // SPARK_HOME at an empty directory under target/ and gives executors this JVM's class path instead.
        Assumptions.assumeTrue(Boolean.getBoolean("kotoba.executorProcesses"),
                "runs in the trainer pom's executor-processes execution, not in default-test");
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException("SPARK_HOME and SPARK_SCALA_VERSION must be set for executor processes"
                    + " (the trainer pom's executor-processes execution sets them)");
        }
        Files.createDirectories(Path.of(home, "jars"));
        SparkConf conf = SparkTrainingConf.apply(new SparkConf().setMaster("local-cluster[2,1,1024]")
                .setAppName("trainer-processes-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.memory", "1024m")
                .set("spark.executor.extraClassPath", absoluteTestClassPath())
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s"));
        spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        corpus = SparkTrainerTest.writeCorpusWithSpark(spark, tmp.resolve("docs").toString());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The tests' class path, every entry absolute: executors start in working directories of their own. */
    private static String absoluteTestClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Function<Cursor, TokenBlockReader> readers() {
        return SparkTrainerTest.readers(corpus);
    }

    @Test
    void twoExecutorProcessesAveragingEveryStepWithPlainSgdMatchOneJvmOnTheCombinedBatch() {
        assertEquals(2, sc.sc().getExecutorMemoryStatus().size() - 1, "executor processes registered");
        SparkEquivalenceChecks.sgdAveragedEveryStepEqualsOneJvmOnTheCombinedBatch(sc, readers());
    }

    @Test
    void networksKeptInExecutorProcessesTrainExactlyLikeNetworksRebuiltEveryRound() {
        // The kept network lives in the executor's JVM: what it picks up each round arrives over the network.
        SparkEquivalenceChecks.keptNetworksTrainExactlyLikeRebuiltOnes(sc, readers());
    }

    @Test
    void adamMomentsKeptInAnExecutorProcessTrainAndCheckpointLikeOneJvm() {
        // One worker, two executors: the worker's moments stay in the executor that trained it only if every round
        // lands there again (the partition's preferred location). Landing on the other executor would restart Adam
        // from the last checkpoint's moments and change the parameters.
        SparkEquivalenceChecks.oneWorkersLocalMomentsTrainAndCheckpointLikeOneJvm(sc, readers(), tmp.resolve("ck"));
    }

    @Test
    void aRunWithLocalMomentsGoesOnAfterAnExecutorProcessIsKilledBetweenRounds() throws InterruptedException {
        // The dead executor's partition runs elsewhere without its moments, which the round's notices say; its
        // placement must leave the dead executor, and Spark's standalone worker starts a replacement (which the
        // other tests here need).
        NetworkReusingTrainingMaster master = localMomentsMaster(1);
        SparkStepper stepper = twoWorkers(master, 1, 6);
        TokenBlockReader reader = readers().apply(Cursor.START);
        Set<String> before = new HashSet<>();
        for (int round = 1; round <= 6; round++) {
            double loss = stepper.fit(reader.nextBatch(stepper.sequencesPerCall()), round == 6);
            assertTrue(Double.isFinite(loss), "round " + round + " loss " + loss);
            if (round <= 3) {
                assertEquals(List.of(), stepper.notices(), "round " + round + " before the kill");
            } else if (round == 4) {
                // The dead executor's network and moments are gone: its partition starts from the driver's moments
                // (no checkpoint yet, so those of step 0), wherever it runs; the other keeps its own.
                List<String> notices = stepper.notices();
                assertEquals(1, notices.size(), notices.toString());
                assertTrue(notices.get(0).matches("partition [01] trained on executor_.* from the Adam moments last "
                        + "averaged on the driver \\(step 0\\), not its own: .*"), notices.toString());
            }
            if (round == 3) {
                before.addAll(master.lastPlacement(2));
                List<ProcessHandle> executors = executorProcesses();
                assertEquals(2, executors.size(), "executor processes before the kill");
                assertTrue(executors.get(0).destroyForcibly(), "could not kill an executor");
                executors.get(0).onExit().join();
            }
        }
        assertEquals(6, stepper.graph().getConfiguration().getIterationCount());
        List<String> after = master.lastPlacement(2);
        assertEquals(2, before.size(), "two executors trained before the kill: " + before);
        assertFalse(after.containsAll(before), "partitions still prefer the dead executor: " + after);
        awaitTwoExecutors();
    }

    @Test
    void aRoundWhoseExecutorProcessDiesWhileTrainingIsRetriedOnTheSurvivor() throws Exception {
        // SIGKILL to an executor while both of a round's tasks train: Spark reruns the lost task elsewhere, whose
        // worker starts from the round's broadcast (parameters) and the driver's moments; the round completes.
        int frequency = 64;
        SparkStepper stepper = twoWorkers(localMomentsMaster(frequency), frequency, 3 * frequency);
        TokenBlockReader reader = readers().apply(Cursor.START);
        RoundTasks tasks = new RoundTasks();
        sc.sc().addSparkListener(tasks);
        try {
            assertTrue(Double.isFinite(stepper.fit(reader.nextBatch(stepper.sequencesPerCall()))));
            CompletableFuture<ProcessHandle> killed = tasks.onceBothTrain(ProcessHandle::destroyForcibly);
            long t0 = System.nanoTime();
            double loss = stepper.fit(reader.nextBatch(stepper.sequencesPerCall()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            killed.get(60, TimeUnit.SECONDS);
            tasks.armed.set(false);
            sc.sc().listenerBus().waitUntilEmpty();
            assertTrue(Double.isFinite(loss), "the round with a lost executor: loss " + loss);
            assertFalse(tasks.failed.isEmpty(), "no task was lost: the kill came after the round's tasks (" + seconds
                    + " s)");
            assertTrue(Double.isFinite(stepper.fit(reader.nextBatch(stepper.sequencesPerCall()))));
            assertEquals(3 * frequency, stepper.graph().getConfiguration().getIterationCount());
        } finally {
            sc.sc().removeSparkListener(tasks);
        }
        awaitTwoExecutors();
    }

    @Test
    void aRoundWhoseExecutorProcessStopsAnsweringIsCancelledAtItsTimeout() throws Exception {
        // SIGSTOP freezes an executor while both of a round's tasks train, as a long GC pause or a stuck disk would:
        // Spark itself would wait for its heartbeat timeout (120 s) and DL4J's round with it. The watchdog cancels
        // the round at 10 s, and the run stops with an error to resume from.
        int frequency = 64;
        RoundWatchdog watchdog = new RoundWatchdog(sc, Duration.ofSeconds(10));
        SparkStepper stepper = twoWorkers(localMomentsMaster(frequency), frequency, 3 * frequency, watchdog);
        TokenBlockReader reader = readers().apply(Cursor.START);
        RoundTasks tasks = new RoundTasks();
        sc.sc().addSparkListener(tasks);
        ProcessHandle frozen = null;
        try {
            assertTrue(Double.isFinite(stepper.fit(reader.nextBatch(stepper.sequencesPerCall()))));
            CompletableFuture<ProcessHandle> stopped = tasks.onceBothTrain(victim -> signal("STOP", victim));
            long t0 = System.nanoTime();
            RoundWatchdog.RoundTimeoutException e = assertThrows(RoundWatchdog.RoundTimeoutException.class,
                    () -> stepper.fit(reader.nextBatch(stepper.sequencesPerCall())));
            double seconds = (System.nanoTime() - t0) / 1e9;
            frozen = stopped.get(60, TimeUnit.SECONDS);
            assertTrue(e.getMessage().startsWith("the averaging round of steps 65-128 did not finish within 10s"),
                    e.getMessage());
            // The deadline, then at most the 10 s the cancelled tasks get to stop (the frozen one never does).
            assertTrue(seconds >= 10 && seconds < 40, "the round failed after " + seconds + " s");
        } finally {
            tasks.armed.set(false);
            sc.sc().removeSparkListener(tasks);
            if (frozen != null) {
                signal("CONT", frozen);
            }
            watchdog.close();
        }
        awaitTwoExecutors();
    }

    /** Sends a signal to a process with kill(1). */
    private static void signal(String name, ProcessHandle process) {
        try {
            assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor(),
                    "kill -" + name + " " + process.pid());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next round's tasks once armed: a latch on both starting, and those that failed. */
    private static final class RoundTasks extends SparkListener {
        final AtomicBoolean armed = new AtomicBoolean(false);
        final CountDownLatch started = new CountDownLatch(2);
        final List<SparkListenerTaskEnd> failed = new CopyOnWriteArrayList<>();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            if (armed.get()) {
                started.countDown();
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (armed.get() && end.taskInfo().failed()) {
                failed.add(end);
            }
        }

        /** Arms this listener; 300 ms after both of the next round's tasks start, applies {@code fault} to one. */
        CompletableFuture<ProcessHandle> onceBothTrain(Consumer<ProcessHandle> fault) {
            armed.set(true);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    assertTrue(started.await(60, TimeUnit.SECONDS), "the round's tasks did not start");
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                ProcessHandle victim = executorProcesses().get(0);
                fault.accept(victim);
                return victim;
            });
        }
    }

    /** Parameter averaging every {@code frequency} steps by two workers of 2 sequences that keep their moments. */
    private static NetworkReusingTrainingMaster localMomentsMaster(int frequency) {
        return TrainingMasters.parameterAveraging(
                new SparkOptions(2, 2, frequency, 0, "NONE", SparkOptions.OptimizerState.LOCAL), 2, 9L);
    }

    /** A fresh AdamW TinyLm trained by {@code master}'s two workers, its schedule {@code steps} long. */
    private static SparkStepper twoWorkers(NetworkReusingTrainingMaster master, int frequency, int steps) {
        return twoWorkers(master, frequency, steps, new RoundWatchdog(sc, Duration.ZERO));
    }

    /** The same, its rounds watched by {@code watchdog}. */
    private static SparkStepper twoWorkers(NetworkReusingTrainingMaster master, int frequency, int steps,
                                           RoundWatchdog watchdog) {
        TrainerConfig config = SparkTrainerTest.twoWorkerAdamW(steps, 0.001);
        ComputationGraph graph = OptimizerSetup.adamW(config).newGraph(TinyLm.configuration());
        return new SparkStepper(sc, new SparkComputationGraph(sc, graph, master),
                new BatchEncoder(LabelLayout.INDICES, TinyLm.VOCAB), 2, 2, frequency, watchdog, 0);
    }

    /** Waits for Spark's standalone worker to replace a killed executor: the class's other tests need two. */
    private static void awaitTwoExecutors() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (executorProcesses().size() < 2 || sc.sc().getExecutorMemoryStatus().size() - 1 < 2) {
            assertTrue(System.nanoTime() < deadline, "no replacement executor within 120 s");
            Thread.sleep(200);
        }
    }

    /** The executor JVMs Spark's embedded standalone worker (in this JVM) launched. */
    private static List<ProcessHandle> executorProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("/java")).collect(Collectors.toList());
    }
}
