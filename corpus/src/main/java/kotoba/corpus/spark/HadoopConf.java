package kotoba.corpus.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** A Hadoop configuration that travels to executors, so they open files with the driver's settings (S3A keys, ...). */
final class HadoopConf implements Serializable {
  private final Map<String, String> entries = new HashMap<>();

  HadoopConf(Configuration conf) {
    for (Map.Entry<String, String> e : conf) entries.put(e.getKey(), e.getValue());
  }

  Configuration get() {
    Configuration conf = new Configuration(false);
    entries.forEach(conf::set);
    return conf;
  }
}
