package io.cell0.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link CanonicalWriter} wrote and nothing else: every length is checked against what is
 * left, strings must be valid UTF-8, and {@link #end()} refuses trailing bytes. Strictness is the point:
 * if two different byte strings decoded to the same value, a signature check on one could be reused
 * for the other.
 */
final class CanonicalReader {
    /** Input that does not follow the layout. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private final byte[] in;
    private int pos;

    CanonicalReader(byte[] in) {
        this.in = in;
    }

    byte[] raw(int n) throws MalformedException {
        need(n);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    int u8() throws MalformedException {
        need(1);
        return in[pos++] & 0xFF;
    }

    long i64() throws MalformedException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    byte[] bytes16() throws MalformedException {
        need(2);
        int n = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
        pos += 2;
        return raw(n);
    }

    byte[] bytes32() throws MalformedException {
        need(4);
        int n = ((in[pos] & 0xFF) << 24) | ((in[pos + 1] & 0xFF) << 16) | ((in[pos + 2] & 0xFF) << 8) | (in[pos + 3] & 0xFF);
        pos += 4;
        if (n < 0) {
            throw new MalformedException("negative length");
        }
        return raw(n);
    }

    String string() throws MalformedException {
        byte[] b = bytes16();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("invalid UTF-8");
        }
    }

    void end() throws MalformedException {
        if (pos != in.length) {
            throw new MalformedException((in.length - pos) + " trailing bytes");
        }
    }

    private void need(int n) throws MalformedException {
        if (n < 0 || in.length - pos < n) {
            throw new MalformedException("truncated: need " + n + " bytes at offset " + pos + " of " + in.length);
        }
    }
}
