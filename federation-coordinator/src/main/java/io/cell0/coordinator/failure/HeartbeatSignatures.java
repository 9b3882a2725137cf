package io.cell0.coordinator.failure;

import io.cell0.security.EnvelopeVerdict;
import io.cell0.security.NodeIdentity;
import io.cell0.security.ReplayGuard;
import io.cell0.security.SignedEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed heartbeats. A node that has an Ed25519 identity signs each heartbeat (its node id, sequence
 * number and send time) in a {@link SignedEnvelope}; the leader verifies it against the identity key
 * the node registered with in the replicated state ({@code NodeJoin}), and a replay guard refuses a
 * heartbeat seen before or stamped too far from now. So a heartbeat that keeps a node alive (and its
 * lease) can only come from that node, whichever TLS certificate carried it. A node registered
 * without a key (TLS off, development) may send unsigned heartbeats.
 */
public final class HeartbeatSignatures {
    /** How far a heartbeat's signing time may be from the leader's clock. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    /** Why a heartbeat was refused. */
    public record Refusal(String reason) {
    }

    private final Optional<NodeIdentity> self;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ReplayGuard guard = new ReplayGuard(WINDOW, 1_000_000);
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    public HeartbeatSignatures(Optional<NodeIdentity> self, Clock clock) {
        this.self = self;
        this.clock = clock;
    }

    static byte[] payload(String nodeId, long seq, long sentAtMs) {
        return (nodeId + "\n" + seq + "\n" + sentAtMs).getBytes(StandardCharsets.UTF_8);
    }

    /** This node's signature over a heartbeat (base64 of the envelope), or empty without an identity. */
    public Optional<String> sign(String nodeId, long seq, long sentAtMs) {
        return self.map(id -> Base64.getEncoder().encodeToString(
                SignedEnvelope.seal(id, payload(nodeId, seq, sentAtMs), clock.instant(), random).encode()));
    }

    /**
     * Checks a heartbeat against the identity key {@code nodeId} registered with (PEM; empty = none).
     * Returns the refusal, or empty when the heartbeat may count.
     */
    public Optional<Refusal> verify(String nodeId, long seq, long sentAtMs, String envelope, String registeredKeyPem) {
        if (registeredKeyPem.isEmpty()) {
            return Optional.empty();
        }
        if (envelope == null || envelope.isEmpty()) {
            return Optional.of(new Refusal("node " + nodeId + " registered an identity key, so its heartbeats must be signed"));
        }
        PublicKey key;
        try {
            key = keys.computeIfAbsent(registeredKeyPem, NodeIdentity::publicKeyFromPem);
        } catch (RuntimeException e) {
            return Optional.of(new Refusal("node " + nodeId + "'s registered identity key cannot be read: " + e.getMessage()));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(envelope);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal("signature is not base64"));
        }
        SignedEnvelope e;
        try {
            e = SignedEnvelope.decode(bytes);
        } catch (IllegalArgumentException ex) {
            return Optional.of(new Refusal(ex.getMessage()));
        }
        if (!java.util.Arrays.equals(e.payload(), payload(nodeId, seq, sentAtMs))) {
            return Optional.of(new Refusal("the signature covers another heartbeat"));
        }
        EnvelopeVerdict v = e.verify(Map.of(NodeIdentity.nodeIdOf(key), key), guard, clock.instant());
        return v.isOk() ? Optional.empty() : Optional.of(new Refusal(v.reason() + ": " + v.detail()));
    }
}
