package kotoba.trainer.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU backend runs ND4J's oneDNN build: its matmul picks the CPU's vector ISA itself, about twice the plain
 * build's OpenBLAS on our VMs. nd4j-native's own pom pulls the plain build back unless excluded, and with both on the
 * classpath a system property decides which one JavaCPP loads.
 */
class Nd4jCpuBuildTest {

    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    @Test
    void onlyTheOneDnnBuildOfNd4jNativeIsOnTheClasspath() {
        ClassLoader loader = Nd4jCpuBuildTest.class.getClassLoader();
        assertNotNull(loader.getResource(BINDINGS + "linux-x86_64-onednn/libnd4jcpu.so"), "the oneDNN build");
        assertNull(loader.getResource(BINDINGS + "linux-x86_64/libnd4jcpu.so"), "the plain build must be excluded");
    }

    @Test
    void theLoadedNativeLibraryIsTheOneDnnBuild() {
        Nd4j.rand(DataType.FLOAT, 4, 4).mmul(Nd4j.rand(DataType.FLOAT, 4, 4));
        String path = Loader.getLoadedLibraries().get("nd4jcpu");
        assertNotNull(path, "libnd4jcpu was loaded through JavaCPP");
        assertTrue(path.contains("linux-x86_64-onednn/"), path);
    }
}
