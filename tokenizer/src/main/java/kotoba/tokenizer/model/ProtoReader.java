package kotoba.tokenizer.model;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** Reads protobuf wire format (varints, fixed32/64, length-delimited fields) from a byte range, bounds-checked. */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;

  ProtoReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  int position() {
    return pos;
  }

  /** Reads a tag; field numbers must be positive, wire types must be known. */
  int readTag() throws ModelFormatException {
    int at = pos;
    long tag = readVarint();
    int field = (int) (tag >>> 3);
    int wire = (int) (tag & 7);
    if (tag >>> 3 > 0x1FFFFFFFL || field == 0 || wire > 5 || wire == START_GROUP || wire == END_GROUP) {
      throw new ModelFormatException("invalid protobuf tag " + tag + " at byte " + at);
    }
    return (int) tag;
  }

  long readVarint() throws ModelFormatException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) throw truncated("varint");
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) return result;
    }
    throw new ModelFormatException("malformed varint ending at byte " + pos);
  }

  int readFixed32() throws ModelFormatException {
    if (limit - pos < 4) throw truncated("fixed32");
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  float readFloat() throws ModelFormatException {
    return Float.intBitsToFloat(readFixed32());
  }

  /** Reads a length prefix and returns the start offset of the payload, advancing past it. */
  int readLengthDelimitedStart() throws ModelFormatException {
    long len = readVarint();
    if (len < 0 || len > limit - pos) {
      throw new ModelFormatException("field length " + len + " at byte " + pos + " runs past the end of its message"
          + " (" + (limit - pos) + " bytes left): truncated or not a protobuf");
    }
    int start = pos;
    pos += (int) len;
    return start;
  }

  byte[] readBytes() throws ModelFormatException {
    int start = readLengthDelimitedStart();
    byte[] out = new byte[pos - start];
    System.arraycopy(buf, start, out, 0, out.length);
    return out;
  }

  /** Reads a string field; protobuf requires valid UTF-8 for proto2 strings written by spm, so reject others. */
  String readString() throws ModelFormatException {
    int start = readLengthDelimitedStart();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf, start, pos - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException("string field at byte " + start + " is not valid UTF-8");
    }
  }

  /** A reader over the payload of the next length-delimited field. */
  ProtoReader readMessage() throws ModelFormatException {
    int start = readLengthDelimitedStart();
    return new ProtoReader(buf, start, pos - start);
  }

  /** Skips the value of a field with the given tag, returning the raw bytes of tag + value for preservation. */
  void skipTo(int tag, java.io.ByteArrayOutputStream unknown, int tagStart) throws ModelFormatException {
    switch (tag & 7) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        if (limit - pos < 8) throw truncated("fixed64");
        pos += 8;
      }
      case LENGTH_DELIMITED -> readLengthDelimitedStart();
      case FIXED32 -> readFixed32();
      default -> throw new ModelFormatException("unsupported wire type " + (tag & 7) + " at byte " + tagStart);
    }
    unknown.write(buf, tagStart, pos - tagStart);
  }

  private ModelFormatException truncated(String what) {
    return new ModelFormatException("data ends in the middle of a " + what + " at byte " + pos + ": file is truncated");
  }
}
