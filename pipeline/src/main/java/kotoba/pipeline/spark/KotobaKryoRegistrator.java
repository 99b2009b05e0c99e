package kotoba.pipeline.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Kryo setup for every kotoba job: Java records go through Java serialization (Spark's Kryo 4 cannot construct
 * records), and ND4J arrays through the trainer's registrator when the trainer is on the class path.
 */
public final class KotobaKryoRegistrator implements KryoRegistrator {
  /** ND4J's registrations with arrays copied in bulk (the trainer module); ND4J's own copy one float at a time. */
  private static final String ND4J_REGISTRATOR = "kotoba.trainer.spark.BulkNd4jRegistrator";

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Record.class, new JavaSerializer());
    try {
      Class<?> nd4j = Class.forName(ND4J_REGISTRATOR);
      ((KryoRegistrator) nd4j.getDeclaredConstructor().newInstance()).registerClasses(kryo);
    } catch (ClassNotFoundException e) {
      // corpus/tokenizer-only class path: nothing to register
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot run " + ND4J_REGISTRATOR, e);
    }
  }
}
