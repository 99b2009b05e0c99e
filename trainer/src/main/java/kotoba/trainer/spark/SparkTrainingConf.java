package kotoba.trainer.spark;

import org.apache.spark.SparkConf;

/**
 * Spark settings that DL4J training needs, applied only where the user has not set them.
 *
 * <p>ND4J keeps arrays off the JVM heap, where Spark neither counts nor limits them: without an explicit
 * {@code spark.executor.memoryOverhead} and JavaCPP's {@code maxbytes}/{@code maxphysicalbytes} caps,
 * executors grow past their container and get killed by YARN or Kubernetes. The defaults here suit the small
 * models this project trains; raise them with the model (parameters, Adam state and activations of a batch).
 */
public final class SparkTrainingConf {
    /** Off-heap cap per executor for ND4J; also what memoryOverhead must cover. */
    public static final String DEFAULT_OFF_HEAP = "4g";
    /** Executor memory overhead: the off-heap cap plus 1g for the JVM's own native memory. */
    public static final String DEFAULT_MEMORY_OVERHEAD = "5g";
    /**
     * The collector for training JVMs. Every averaging round a worker serializes its parameters and Adam state (203 MB
     * at d=384) into Spark's 1 MB heap chunks, which stay live until the driver has them. G1 copied them in young
     * collections of up to 2 s each: a two-worker, one-step d=384 round took 12.3-14.2 s under G1 and 6.6-6.7 s with
     * the parallel collector (bench/RESULTS.md 3j). {@code bin/kotoba} starts local-mode JVMs with it too.
     */
    public static final String GARBAGE_COLLECTOR = "-XX:+UseParallelGC";

    private SparkTrainingConf() {
    }

    /**
     * Adds Kryo with ND4J's registrations (arrays in bulk), the off-heap limits and the executors' collector,
     * keeping any value already present.
     */
    public static SparkConf apply(SparkConf conf) {
        setIfMissing(conf, "spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        // Registers INDArray serialisers: without it Kryo copies raw off-heap pointers and data is corrupted.
        setIfMissing(conf, "spark.kryo.registrator", BulkNd4jRegistrator.class.getName());
        if (!conf.contains("spark.executor.memoryOverheadFactor")
                && !conf.contains("spark.kubernetes.memoryOverheadFactor")) {
            setIfMissing(conf, "spark.executor.memoryOverhead", DEFAULT_MEMORY_OVERHEAD);
        }
        if (runsInOneJvm(conf.get("spark.master", ""))) {
            // Each round's task results (parameters and Adam state) reach the driver in-process, not through the
            // block manager's network transfer that Spark uses above 1 MB (a one-step d=384 round: 9.48 -> 8.29 s,
            // bench/RESULTS.md 3i).
            setIfMissing(conf, "spark.task.maxDirectResultSize", "2000m");
            setIfMissing(conf, "spark.rpc.message.maxSize", "2000");
        }
        String existing = conf.get("spark.executor.extraJavaOptions", "");
        if (!existing.contains("org.bytedeco.javacpp.maxbytes")) {
            existing = (existing + " -Dorg.bytedeco.javacpp.maxbytes=" + DEFAULT_OFF_HEAP).trim();
        }
        if (!existing.contains("org.bytedeco.javacpp.maxphysicalbytes")) {
            // JavaCPP compares this with the whole process's resident memory, heap included: the container's size.
            existing = (existing + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + containerMb(conf) + "m").trim();
        }
        if (!selectsGarbageCollector(existing)
                && !selectsGarbageCollector(conf.get("spark.executor.defaultJavaOptions", ""))) {
            existing = (existing + " " + GARBAGE_COLLECTOR).trim();
        }
        conf.set("spark.executor.extraJavaOptions", existing);
        return conf;
    }

    /** An executor's heap plus its memory overhead, as YARN and Kubernetes size its container (MiB). */
    static long containerMb(SparkConf conf) {
        long heap = conf.getSizeAsMb("spark.executor.memory", "1g");
        if (conf.contains("spark.executor.memoryOverhead")) {
            return heap + conf.getSizeAsMb("spark.executor.memoryOverhead");
        }
        double factor = conf.getDouble("spark.executor.memoryOverheadFactor",
                conf.getDouble("spark.kubernetes.memoryOverheadFactor", 0.1));
        return heap + Math.max(384, (long) (factor * heap));
    }

    /**
     * {@code local}, {@code local[N]} and {@code local[N,F]}; not {@code local-cluster[...]}, whose executors are
     * processes.
     */
    private static boolean runsInOneJvm(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    private static boolean selectsGarbageCollector(String javaOptions) {
        return javaOptions.matches(".*-XX:\\+Use\\w*GC\\b.*");
    }

    private static void setIfMissing(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }
}
