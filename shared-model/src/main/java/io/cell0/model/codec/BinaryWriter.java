package io.cell0.model.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends primitive values to a growing byte array. Variable-length integers keep small numbers small. */
final class BinaryWriter {
    private byte[] buf;
    private int pos;

    BinaryWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    BinaryWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    BinaryWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    /** Unsigned LEB128 of a long treated as unsigned. */
    BinaryWriter varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** Zig-zag then LEB128, for values that may be negative. */
    BinaryWriter signedVarLong(long v) {
        return varLong((v << 1) ^ (v >> 63));
    }

    BinaryWriter i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    BinaryWriter string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        varLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
