package io.cell0.security;

import io.cell0.security.CanonicalReader.MalformedException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A node-to-node message signed with the sender's Ed25519 identity key, with the nonce and timestamp
 * the threat model asks for against replays. TLS already authenticates the connection; the envelope
 * authenticates the message itself, so it stays attributable when relayed or stored.
 *
 * <p><b>Encoding</b> (integers big-endian): the signed part is {@code "C0SE"}, version {@code 0x01},
 * sender id (2-byte length + UTF-8), 16-byte nonce, 8-byte timestamp in epoch milliseconds, payload
 * (4-byte length + bytes); the encoded envelope is the signed part followed by the 64-byte signature.
 * The magic differs from a join token's, so one can never be passed off as the other.
 */
public final class SignedEnvelope {
    private static final byte[] MAGIC = "C0SE".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int SIGNATURE_BYTES = 64;

    private final String senderId;
    private final byte[] nonce;
    private final long timestampMillis;
    private final byte[] payload;
    private final byte[] signature;

    private SignedEnvelope(String senderId, byte[] nonce, long timestampMillis, byte[] payload, byte[] signature) {
        this.senderId = senderId;
        this.nonce = nonce;
        this.timestampMillis = timestampMillis;
        this.payload = payload;
        this.signature = signature;
    }

    /** Signs {@code payload} as {@code sender}, stamped with {@code now} and a fresh random nonce. */
    public static SignedEnvelope seal(NodeIdentity sender, byte[] payload, Instant now, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] body = signedBytes(sender.nodeId(), nonce, now.toEpochMilli(), payload);
        return new SignedEnvelope(sender.nodeId(), nonce, now.toEpochMilli(), payload.clone(), sender.sign(body));
    }

    public String senderId() {
        return senderId;
    }

    /** The nonce as 32 lowercase hex digits. */
    public String nonce() {
        return HexFormat.of().formatHex(nonce);
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        return new CanonicalWriter().raw(signedBytes(senderId, nonce, timestampMillis, payload)).raw(signature).toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} are not an encoded envelope */
    public static SignedEnvelope decode(byte[] bytes) {
        try {
            CanonicalReader r = new CanonicalReader(bytes);
            if (!Arrays.equals(r.raw(MAGIC.length), MAGIC) || r.u8() != VERSION) {
                throw new IllegalArgumentException("not a version 1 signed envelope");
            }
            String sender = r.string();
            byte[] nonce = r.raw(NONCE_BYTES);
            long ts = r.i64();
            byte[] payload = r.bytes32();
            byte[] signature = r.raw(SIGNATURE_BYTES);
            r.end();
            return new SignedEnvelope(sender, nonce, ts, payload, signature);
        } catch (MalformedException e) {
            throw new IllegalArgumentException("malformed signed envelope: " + e.getMessage());
        }
    }

    /** Decodes and verifies in one step, reporting undecodable input as {@link EnvelopeVerdict.Reason#MALFORMED}. */
    public static EnvelopeVerdict verifyEncoded(byte[] bytes, Map<String, PublicKey> senderKeys, ReplayGuard guard, Instant now) {
        SignedEnvelope e;
        try {
            e = decode(bytes);
        } catch (IllegalArgumentException ex) {
            return new EnvelopeVerdict(EnvelopeVerdict.Reason.MALFORMED, ex.getMessage());
        }
        return e.verify(senderKeys, guard, now);
    }

    /**
     * Checks the signature, then asks the replay guard. In that order on purpose: only a genuine
     * message may use up a nonce, otherwise anyone could burn a node's future nonces (or fill the guard)
     * with forged messages.
     */
    public EnvelopeVerdict verify(Map<String, PublicKey> senderKeys, ReplayGuard guard, Instant now) {
        PublicKey key = senderKeys.get(senderId);
        if (key == null) {
            return new EnvelopeVerdict(EnvelopeVerdict.Reason.UNKNOWN_SENDER, "no key for " + senderId);
        }
        if (!NodeIdentity.verify(key, signedBytes(senderId, nonce, timestampMillis, payload), signature)) {
            return new EnvelopeVerdict(EnvelopeVerdict.Reason.BAD_SIGNATURE, "signature does not verify with the key of " + senderId);
        }
        return switch (guard.check(senderId, nonce(), timestampMillis, now)) {
            case ACCEPTED -> new EnvelopeVerdict(EnvelopeVerdict.Reason.OK, "valid");
            case REPLAYED -> new EnvelopeVerdict(EnvelopeVerdict.Reason.REPLAYED, "nonce " + nonce() + " from " + senderId + " already seen");
            case STALE -> new EnvelopeVerdict(EnvelopeVerdict.Reason.STALE, "timestamp " + Instant.ofEpochMilli(timestampMillis) + " is outside the window around " + now);
            case FULL -> new EnvelopeVerdict(EnvelopeVerdict.Reason.OVERLOADED, "replay guard full");
        };
    }

    private static byte[] signedBytes(String sender, byte[] nonce, long timestampMillis, byte[] payload) {
        return new CanonicalWriter().raw(MAGIC).u8(VERSION).string(sender).raw(nonce).i64(timestampMillis).bytes32(payload).toByteArray();
    }
}
