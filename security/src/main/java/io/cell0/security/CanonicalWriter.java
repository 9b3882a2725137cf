package io.cell0.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the fixed binary layouts that get signed. Binary with explicit lengths rather than JSON because
 * a signature must cover exactly one byte string per value: there is no key order, white space or
 * number format to disagree about. {@link CanonicalReader} accepts only what this writes.
 */
final class CanonicalWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    CanonicalWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    CanonicalWriter u8(int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("not a byte: " + v);
        }
        out.write(v);
        return this;
    }

    CanonicalWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    /** Up to 65535 bytes, preceded by a two-byte big-endian length. */
    CanonicalWriter bytes16(byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("field too long: " + bytes.length);
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
        return this;
    }

    /** Up to 2^31-1 bytes, preceded by a four-byte big-endian length. */
    CanonicalWriter bytes32(byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write((n >>> 16) & 0xFF);
        out.write((n >>> 8) & 0xFF);
        out.write(n & 0xFF);
        out.writeBytes(bytes);
        return this;
    }

    CanonicalWriter string(String s) {
        return bytes16(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
