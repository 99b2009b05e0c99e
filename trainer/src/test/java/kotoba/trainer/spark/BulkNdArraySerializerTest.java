package kotoba.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

class BulkNdArraySerializerTest {
    private static final SerializerInstance KRYO = new KryoSerializer(SparkTrainingConf.apply(new SparkConf()))
            .newInstance();

    private static ByteBuffer bytes(Object value) {
        return KRYO.serialize(value, ClassTag$.MODULE$.AnyRef());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        return (T) KRYO.deserialize(bytes(value), ClassTag$.MODULE$.AnyRef());
    }

    private static void assertSameArray(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected, actual);
    }

    @Test
    void arraysOfEveryLayoutAndTypeComeBackEqual() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 5, 7);
        List<INDArray> arrays = List.of(
                matrix,
                Nd4j.rand(DataType.DOUBLE, 'f', 3, 4),
                matrix.getRow(3),                       // a view at an offset into its buffer
                matrix.transpose(),                     // a view with other strides
                matrix.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6)),
                Nd4j.linspace(-5, 5, 11, DataType.DOUBLE).castTo(DataType.INT64),
                Nd4j.linspace(1, 8, 8, DataType.DOUBLE).castTo(DataType.HALF).reshape(2, 2, 2),
                Nd4j.create(new boolean[] {true, false, true}),
                Nd4j.scalar(2.5f),
                Nd4j.create(DataType.FLOAT, 0, 4));
        for (INDArray a : arrays) {
            INDArray back = roundTrip(a);
            assertSameArray(a, back);
            assertTrue(!back.isView() || back.isEmpty(), "a fresh array, not a view into the serialized one");
        }
    }

    @Test
    void arraysInsideOtherObjectsUseTheBulkFormat() {
        INDArray params = Nd4j.rand(DataType.FLOAT, 1, 10_000);
        Object[] tuple = {params, "updater", Nd4j.rand(DataType.FLOAT, 1, 20_000)};
        Object[] back = roundTrip(tuple);
        assertSameArray(params, (INDArray) back[0]);
        assertEquals("updater", back[1]);
        assertSameArray((INDArray) tuple[2], (INDArray) back[2]);
        assertTrue(new KryoSerializer(SparkTrainingConf.apply(new SparkConf())).newKryo()
                .getSerializer(params.getClass()) instanceof BulkNdArraySerializer);
    }

    /**
     * A view is written from a temporary copy that only the serializer references. Once {@code write} is compiled,
     * nothing but a fence keeps that copy alive while its bytes are read: here the output stream forces a
     * collection after the first chunk and waits for ND4J's deallocator, which without the fence frees the memory
     * being read (the JVM dies with SIGSEGV) or lets garbage through.
     */
    @Test
    void aViewsTemporaryCopyStaysAliveWhileItsBytesAreWritten() {
        Kryo kryo = new Kryo();
        BulkNdArraySerializer serializer = new BulkNdArraySerializer();
        INDArray small = Nd4j.rand(DataType.FLOAT, 2, 64);
        for (int i = 0; i < 20_000; i++) {      // past C2's thresholds, so liveness is the compiler's, not the frame's
            Output out = new Output(OutputStream.nullOutputStream(), 4096);
            serializer.write(kryo, out, small.getRow(i % 2));
            out.flush();
        }
        INDArray big = Nd4j.rand(DataType.FLOAT, 2, 4_000_000);
        ByteArrayOutputStream sent = new ByteArrayOutputStream() {
            private boolean collected;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                if (!collected) {
                    collected = true;
                    System.gc();
                    sleep(300);     // ND4J frees collected buffers on its own deallocator threads
                }
                super.write(b, off, len);
            }
        };
        Output out = new Output(sent, 1 << 16);
        serializer.write(kryo, out, big.getRow(1));
        out.flush();
        INDArray back = serializer.read(kryo, new Input(sent.toByteArray()), INDArray.class);
        assertEquals(big.getRow(1), back);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
