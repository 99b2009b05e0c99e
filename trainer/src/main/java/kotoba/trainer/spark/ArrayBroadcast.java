package kotoba.trainer.spark;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array to broadcast without handing it to Spark itself. Destroying a broadcast closes its value if that is
 * {@link AutoCloseable}, as an INDArray is: in local mode the value is the driver's own array, which would be freed
 * under the network still using it.
 */
final class ArrayBroadcast implements Serializable {
    private static final long serialVersionUID = 1L;
    private INDArray array;

    /** For Kryo. */
    private ArrayBroadcast() {
    }

    ArrayBroadcast(INDArray array) {
        this.array = array;
    }

    INDArray array() {
        return array;
    }
}
