package io.cell0.model.codec;

import java.util.zip.CRC32C;

/**
 * The envelope of every encoding: magic {@code 'C' '0'}, format version, frame kind, body, and a
 * CRC32C of everything before it. The checksum turns corruption into an error instead of a
 * different, valid-looking command.
 */
final class Frame {
    static final byte MAGIC_0 = 'C';
    static final byte MAGIC_1 = '0';
    /**
     * Bump when the body layout changes, and keep decoding the older versions. Version 2 added the
     * agent's required data, allowed zones, idempotency key and per-node runtime status, and the
     * placement-plan and agent-status commands. Version 3 added the node's draining flag and identity key, the agent's
     * stopping nodes and its keep-running-when-disconnected choice, and the node-drain and agent-evict
     * commands.
     */
    static final int VERSION = 3;
    static final int OLDEST_READABLE = 1;
    static final int HEADER = 4;
    static final int TRAILER = 4;

    enum Kind {
        COMMAND(1), BATCH(2), RESULTS(3), STATE(4);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    private Frame() {
    }

    static BinaryWriter begin(Kind kind, int sizeHint) {
        return new BinaryWriter(sizeHint + HEADER + TRAILER).u8(MAGIC_0).u8(MAGIC_1).u8(VERSION).u8(kind.code);
    }

    static byte[] finish(BinaryWriter w) {
        CRC32C crc = new CRC32C();
        crc.update(w.array(), 0, w.position());
        w.i32((int) crc.getValue());
        return w.toByteArray();
    }

    /** Checks envelope and checksum; returns a reader positioned on the body. */
    static BinaryReader open(byte[] bytes, Kind expected) {
        if (bytes == null) {
            throw new CodecException("no bytes");
        }
        if (bytes.length < HEADER + TRAILER) {
            throw new CodecException("truncated: " + bytes.length + " bytes is shorter than the " + (HEADER + TRAILER) + "-byte envelope");
        }
        if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new CodecException(String.format("bad magic 0x%02x%02x: not a Cell 0 encoding", bytes[0], bytes[1]));
        }
        int version = bytes[2] & 0xFF;
        if (version < OLDEST_READABLE || version > VERSION) {
            throw new CodecException("unsupported format version " + version + " (this build reads versions "
                    + OLDEST_READABLE + " to " + VERSION + ")");
        }
        int bodyEnd = bytes.length - TRAILER;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bodyEnd);
        int stored = new BinaryReader(bytes, bodyEnd, bytes.length).field("checksum").i32();
        if (stored != (int) crc.getValue()) {
            throw new CodecException("checksum mismatch: the bytes are corrupt or truncated");
        }
        int kind = bytes[3] & 0xFF;
        if (kind != expected.code) {
            throw new CodecException("expected a " + expected + " frame, found kind " + kind);
        }
        return new BinaryReader(bytes, HEADER, bodyEnd, version);
    }

    static void close(BinaryReader r) {
        if (r.remaining() != 0) {
            throw new CodecException(r.remaining() + " unexpected trailing byte(s) at offset " + r.position());
        }
    }
}
