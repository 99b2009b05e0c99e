package kotoba.trainer.data;

/** How next-token targets are laid out in a {@code MultiDataSet}, to match the model's output layer and loss. */
public enum LabelLayout {
    /** [B, T] ids as floats, for output layers that take class indices without a channel axis. */
    INDICES,
    /** [B, 1, T] ids as floats, for {@code RnnOutputLayer} with {@code LossSparseMCXENT} (NCW). */
    INDICES_NCW,
    /** [B, V, T] one-hot, for {@code RnnOutputLayer} with {@code LossMCXENT} (NCW); memory grows with V. */
    ONE_HOT_NCW
}
