package kotoba.trainer.data;

import java.io.Serializable;

/** One Parquet row group: the unit that the epoch shuffle permutes and that a reader decodes at a time. */
public record RowGroupRef(String path, int index, long rows) implements Serializable {
}
