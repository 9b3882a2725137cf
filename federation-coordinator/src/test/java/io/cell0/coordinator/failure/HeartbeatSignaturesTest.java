package io.cell0.coordinator.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Heartbeats signed with the node's identity key count; forged, altered, replayed or stale ones do not. */
class HeartbeatSignaturesTest {
    final NodeIdentity node2 = NodeIdentity.generate();
    final NodeIdentity other = NodeIdentity.generate();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
    final HeartbeatSignatures sender = new HeartbeatSignatures(Optional.of(node2), clock);
    final HeartbeatSignatures leader = new HeartbeatSignatures(Optional.empty(), clock);
    final String key = node2.publicKeyPem();

    @Test
    void aHeartbeatSignedWithTheRegisteredKeyCountsOnce() {
        String sig = sender.sign("node-2", 7, 1234).orElseThrow();
        assertThat(leader.verify("node-2", 7, 1234, sig, key)).isEmpty();
        assertThat(leader.verify("node-2", 7, 1234, sig, key)).as("the same envelope again").get()
                .satisfies(r -> assertThat(r.reason()).startsWith("REPLAYED"));
    }

    @Test
    void anotherKeyAnAlteredHeartbeatOrNoSignatureIsRefused() {
        String forged = new HeartbeatSignatures(Optional.of(other), clock).sign("node-2", 7, 1234).orElseThrow();
        assertThat(leader.verify("node-2", 7, 1234, forged, key)).get().satisfies(r -> assertThat(r.reason()).contains("no key for"));
        String sig = sender.sign("node-2", 8, 1234).orElseThrow();
        assertThat(leader.verify("node-2", 9, 1234, sig, key)).get()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("the signature covers another heartbeat"));
        assertThat(leader.verify("node-3", 8, 1234, sig, key)).isPresent();
        assertThat(leader.verify("node-2", 8, 1234, null, key)).get().satisfies(r -> assertThat(r.reason()).contains("must be signed"));
        assertThat(leader.verify("node-2", 8, 1234, "%%%", key)).get().satisfies(r -> assertThat(r.reason()).contains("base64"));
        assertThat(leader.verify("node-2", 8, 1234, "AAAA", key)).isPresent();
    }

    @Test
    void aHeartbeatSignedLongAgoIsStale() {
        HeartbeatSignatures past = new HeartbeatSignatures(Optional.of(node2),
                Clock.offset(clock, Duration.ofMinutes(-5)));
        String sig = past.sign("node-2", 1, 1).orElseThrow();
        assertThat(leader.verify("node-2", 1, 1, sig, key)).get().satisfies(r -> assertThat(r.reason()).startsWith("STALE"));
    }

    @Test
    void aNodeRegisteredWithoutAKeyMaySendUnsignedHeartbeats() {
        assertThat(leader.verify("node-2", 1, 1, null, "")).isEmpty();
        assertThat(leader.sign("node-1", 1, 1)).as("no identity, no signature").isEmpty();
    }
}
