package io.cell0.model.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads what {@link BinaryWriter} wrote, checking every length against the bytes that are left
 * before allocating anything, so hostile or corrupt input ends in a {@link CodecException} and
 * never in an out-of-memory error or an index exception.
 */
final class BinaryReader {
    static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

    private final byte[] buf;
    private final int end;
    private int pos;
    private String field = "";
    private final int version;

    BinaryReader(byte[] buf, int start, int end) {
        this(buf, start, end, Frame.VERSION);
    }

    BinaryReader(byte[] buf, int start, int end, int version) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.version = version;
    }

    /** Format version of the frame being read: fields added later are absent from older frames. */
    int version() {
        return version;
    }

    /** Names the field being read, for error messages. */
    BinaryReader field(String name) {
        this.field = name;
        return this;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n > end - pos) {
            throw new CodecException("truncated: needed " + n + " byte(s) for " + field + " at offset " + pos + ", "
                    + (end - pos) + " left");
        }
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new CodecException("invalid boolean " + b + " for " + field + " at offset " + (pos - 1));
        }
        return b == 1;
    }

    long varLong() {
        long result = 0;
        int start = pos;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new CodecException("variable-length integer too long for " + field + " at offset " + start);
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CodecException("variable-length integer too long for " + field + " at offset " + start);
    }

    long signedVarLong() {
        long v = varLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A non-negative count or length that must fit in an int. */
    int count(int minBytesEach) {
        int at = pos;
        long n = varLong();
        if (n < 0 || n > Integer.MAX_VALUE || n * Math.max(1, minBytesEach) > end - pos) {
            throw new CodecException("impossible count " + Long.toUnsignedString(n) + " for " + field + " at offset " + at
                    + " (" + (end - pos) + " bytes left)");
        }
        return (int) n;
    }

    int i32() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    String string() {
        int at = pos;
        int len = count(1);
        if (len > MAX_STRING_BYTES) {
            throw new CodecException("string of " + len + " bytes for " + field + " at offset " + at + " exceeds the limit");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new CodecException("invalid UTF-8 for " + field + " at offset " + at);
        }
    }
}
