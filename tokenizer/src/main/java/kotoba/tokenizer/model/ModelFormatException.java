package kotoba.tokenizer.model;

import java.io.IOException;

/** A file or byte array is not a readable SentencePiece model; the message says which file and why. */
public class ModelFormatException extends IOException {
  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
