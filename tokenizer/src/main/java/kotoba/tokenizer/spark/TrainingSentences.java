package kotoba.tokenizer.spark;

import java.util.ArrayList;
import java.util.List;
import kotoba.tokenizer.normalize.Normalizer;
import kotoba.tokenizer.train.WeightedSentence;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Turns docs into the trainers' sentences on the executors: each line of a document is one sentence (as each line
 * of an spm_train input file is), normalized the SentencePiece way (▁ for spaces, dummy prefix), counted once per
 * distinct text. The result stays distributed and cached; the driver never sees it.
 */
final class TrainingSentences {
  private TrainingSentences() {}

  static JavaRDD<WeightedSentence> of(Dataset<Row> texts, Normalizer normalizer) {
    return texts.javaRDD()
        .flatMap(row -> {
          List<String> out = new ArrayList<>();
          for (String line : row.getString(0).split("\n")) {
            String n = normalizer.normalize(line);
            if (!n.isEmpty()) out.add(n);
          }
          return out.iterator();
        })
        .mapToPair(s -> new Tuple2<>(s, 1L))
        // At least one partition per core: the docs may be a single Parquet file, and every trainer pass runs on
        // these partitions.
        .reduceByKey(Long::sum, Math.max(texts.rdd().getNumPartitions(), texts.sparkSession().sparkContext()
            .defaultParallelism()))
        .map(t -> new WeightedSentence(t._1(), t._2()))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }
}
