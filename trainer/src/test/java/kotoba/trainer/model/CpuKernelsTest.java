package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The hand-written layers' two implementations, Java kernels with direct OpenBLAS calls and plain ND4J ops, give
 * the same outputs, score and gradients for the same parameters and batch: the ND4J-op path is what other backends
 * run and what the finite-difference check runs in double precision; the kernels compute in float only.
 */
class CpuKernelsTest {

    @AfterEach
    void backToDefaults() {
        CpuKernels.force(null);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void kernelAndOpPathsAgreeOnEverySequenceAndHeadOffset() {
        // Three sequences and four heads, so that every (sequence, head) offset into the projections is exercised,
        // and a context longer than the other test's that is not a power of two.
        assertPathsAgree(GptConfig.of(40, 150, 2, 32, 4), 3);
    }

    @Test
    void doublePrecisionModelsRunTheOpsEvenWhenKernelsAreForced() {
        CpuKernels.force(true);
        assertTrue(CpuKernels.enabled(DataType.FLOAT));
        assertFalse(CpuKernels.enabled(DataType.DOUBLE));
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        GptConfig config = GptConfig.of(40, 9, 1, 16, 2);
        ComputationGraph graph = GptModel.build(config, new NoOp(), DataType.DOUBLE);
        INDArray[] batch = randomBatch(config, DataType.DOUBLE, 2);
        Pass pass = pass(graph, batch[0], batch[1], true);
        assertTrue(Double.isFinite(pass.score), "score " + pass.score);
        assertEquals(DataType.DOUBLE, pass.gradient.dataType());
    }

    @Test
    void kernelAndOpPathsAgreeInSinglePrecisionAtTrainingShapes() {
        assertPathsAgree(GptConfig.of(300, 64, 2, 96, 6), 4);
    }

    // The suite runs with one ND4J thread: here the kernels split their rows and attention heads over two, with
    // OpenBLAS on two threads as well, which the attention kernel must leave as it found them. Splitting changes
    // only the order in which the column sums add rows up.
    @Test
    void kernelsSplitOverTwoThreadsMatchOneThreadAndRestoreBlasThreads() {
        GptConfig config = GptConfig.of(40, 33, 2, 32, 4);
        ComputationGraph graph = GptModel.build(config, new NoOp(), DataType.FLOAT);
        INDArray[] batch = randomBatch(config, DataType.FLOAT, 3);
        int blasBefore = Nd4j.factory().blas().getMaxThreads();
        try {
            KernelThreads.force(1);
            Pass one = pass(graph, batch[0], batch[1], true);
            KernelThreads.force(2);
            Nd4j.factory().blas().setMaxThreads(2);
            assertEquals(2, KernelThreads.chunks(3 * 33), "rows split in two");
            assertEquals(2, openBlasThreads(), "OpenBLAS threads before");
            Pass two = pass(graph, batch[0], batch[1], true);
            assertEquals(2, openBlasThreads(), "OpenBLAS threads after the attention kernel");
            assertEquals(one.score, two.score, 1e-6);
            assertClose(one.output, two.output, 1e-6, "output");
            assertClose(one.gradient, two.gradient, 1e-6, "gradient");
        } finally {
            KernelThreads.force(null);
            Nd4j.factory().blas().setMaxThreads(blasBefore);
        }
    }

    /** OpenBLAS's own thread count: ND4J's getter returns a copy JavaCPP caches, which the kernel leaves alone. */
    private static int openBlasThreads() {
        Pointer getter = Loader.addressof("openblas_get_num_threads");
        // JavaCPP binds no int() function type; its int(int) one calls the same way on x86-64 and arm64 (the argument
        // goes in a register the callee never reads).
        return new openblas_nolapack.MklSetNumThreadsLocal() { }.put(getter).call(0);
    }

    // In float the paths differ by about 4e-7 of the largest entry (summation order); 1e-5 still fails when a
    // LayerNorm or GELU gradient term is off by a tenth of a percent.
    private static void assertPathsAgree(GptConfig config, int batch) {
        ComputationGraph graph = GptModel.build(config, new NoOp(), DataType.FLOAT);
        INDArray[] inputAndLabels = randomBatch(config, DataType.FLOAT, batch);
        Pass ops = pass(graph, inputAndLabels[0], inputAndLabels[1], false);
        Pass kernels = pass(graph, inputAndLabels[0], inputAndLabels[1], true);
        assertEquals(ops.score, kernels.score, 1e-5);
        assertClose(ops.output, kernels.output, 1e-5, "output");
        assertClose(ops.gradient, kernels.gradient, 1e-5, "gradient");
    }

    /** Random token ids {input, labels}, [batch, T] each. */
    private static INDArray[] randomBatch(GptConfig config, DataType type, int batch) {
        Random random = new Random(11);
        int[][] x = new int[batch][config.contextLength()];
        int[][] y = new int[batch][config.contextLength()];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < config.contextLength(); t++) {
                x[b][t] = random.nextInt(config.vocabSize());
                y[b][t] = random.nextInt(config.vocabSize());
            }
        }
        return new INDArray[] {TinyGpt.ids(type, x), TinyGpt.ids(type, y)};
    }

    private record Pass(double score, INDArray output, INDArray gradient) {
    }

    /** Score, gradient and inference output of {@code graph} with the kernels on or off. */
    private static Pass pass(ComputationGraph graph, INDArray input, INDArray labels, boolean kernels) {
        CpuKernels.force(kernels);
        graph.setInputs(input);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        double score = graph.score();
        INDArray gradient = graph.gradient().gradient().dup();
        return new Pass(score, graph.outputSingle(input).dup(), gradient);
    }

    /** Largest difference relative to the largest magnitude in {@code expected}. */
    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-30);
        double diff = expected.sub(actual).amaxNumber().doubleValue() / scale;
        assertTrue(diff < tolerance, what + " differs by " + diff + " of its largest entry " + scale);
        assertTrue(actual.amaxNumber().doubleValue() > 0, what + " is all zeros");
    }
}
