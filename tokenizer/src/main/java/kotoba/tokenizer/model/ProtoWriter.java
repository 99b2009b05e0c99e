package kotoba.tokenizer.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format into a growable buffer. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private void tag(int field, int wire) {
    varint(((long) field << 3) | wire);
  }

  /** int32 fields sign-extend negatives to 64 bits, as protobuf does, so -1 takes ten bytes. */
  void int32(int field, int v) {
    tag(field, ProtoReader.VARINT);
    varint(v);
  }

  void uint64(int field, long v) {
    tag(field, ProtoReader.VARINT);
    varint(v);
  }

  void bool(int field, boolean v) {
    tag(field, ProtoReader.VARINT);
    varint(v ? 1 : 0);
  }

  void float32(int field, float v) {
    tag(field, ProtoReader.FIXED32);
    int bits = Float.floatToRawIntBits(v);
    out.write(bits);
    out.write(bits >>> 8);
    out.write(bits >>> 16);
    out.write(bits >>> 24);
  }

  void bytes(int field, byte[] v) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    varint(v.length);
    out.writeBytes(v);
  }

  void string(int field, String v) {
    bytes(field, v.getBytes(StandardCharsets.UTF_8));
  }

  void message(int field, ProtoWriter nested) {
    bytes(field, nested.toByteArray());
  }

  /** Appends already-encoded fields (unknown fields kept from a file we read). */
  void raw(byte[] encodedFields) {
    out.writeBytes(encodedFields);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
