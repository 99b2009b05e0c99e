package kotoba.trainer.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo serializer for ND4J arrays that copies their bytes in bulk: the parameters and Adam state that parameter
 * averaging ships to every worker and back each round.
 *
 * <p>ND4J's {@link Nd4jSerializer} goes through {@code Nd4j.write}/{@code Nd4j.read}, one {@code getFloat} and
 * {@code writeFloat} per element. A JFR profile of a d=384 round (14M parameters; parameters and both Adam moments
 * each way) found most of the round's 7.8 s outside training in those loops. Bytes travel in the native order
 * (little-endian on every platform ND4J ships for), through a 64 KiB buffer so no heap copy of a whole array is made.
 * String arrays and compressed arrays keep ND4J's format.
 */
final class BulkNdArraySerializer extends Serializer<INDArray> {
    private static final int CHUNK = 1 << 16;
    private static final byte BULK = 0;
    private static final byte ND4J = 1;

    private final Nd4jSerializer nd4j = new Nd4jSerializer();

    @Override
    public void write(Kryo kryo, Output output, INDArray array) {
        if (array.dataType() == DataType.UTF8 || array.isCompressed()) {
            output.writeByte(ND4J);
            nd4j.write(kryo, output, array);
            return;
        }
        // Only an array that owns its whole buffer in its own order can be sent as that buffer's bytes.
        if (array.isView() || array.data().length() != array.length() || !Shape.hasDefaultStridesForShape(array)) {
            array = array.dup(array.ordering());
        }
        output.writeByte(BULK);
        output.writeString(array.dataType().name());
        output.writeByte(array.ordering());
        long[] shape = array.shape();
        output.writeVarInt(shape.length, true);
        for (long dim : shape) {
            output.writeVarLong(dim, true);
        }
        if (array.isEmpty()) {
            return;
        }
        // The NIO view points at the array's native memory without referencing the array, and a view's copy above
        // is referenced by nothing else: without the fence, compiled code lets the GC collect it mid-copy and ND4J's
        // deallocator frees the memory being read (a SIGSEGV on the driver in a d=384 run).
        ByteBuffer bytes = array.data().asNio().duplicate();
        byte[] chunk = new byte[(int) Math.min(CHUNK, byteLength(array))];
        for (long left = byteLength(array); left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            bytes.get(chunk, 0, n);
            output.writeBytes(chunk, 0, n);
            left -= n;
        }
        Reference.reachabilityFence(array);
    }

    @Override
    public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
        if (input.readByte() == ND4J) {
            return nd4j.read(kryo, input, type);
        }
        DataType dataType = DataType.valueOf(input.readString());
        char order = (char) input.readByte();
        long[] shape = new long[input.readVarInt(true)];
        boolean empty = false;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.readVarLong(true);
            empty |= shape[i] == 0;
        }
        if (empty) {
            return Nd4j.create(dataType, shape, order);
        }
        INDArray array = Nd4j.createUninitializedDetached(dataType, order, shape);
        ByteBuffer bytes = array.data().asNio().duplicate();
        byte[] chunk = new byte[(int) Math.min(CHUNK, byteLength(array))];
        for (long left = byteLength(array); left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            input.readBytes(chunk, 0, n);
            bytes.put(chunk, 0, n);
            left -= n;
        }
        return array;
    }

    private static long byteLength(INDArray array) {
        return array.length() * array.data().getElementSize();
    }
}
