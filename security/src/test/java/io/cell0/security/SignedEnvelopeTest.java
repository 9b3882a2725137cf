package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.EnvelopeVerdict.Reason;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
    private static final NodeIdentity ALICE = NodeIdentity.generate();
    private static final NodeIdentity BOB = NodeIdentity.generate();
    private static final Map<String, PublicKey> KEYS = Map.of(ALICE.nodeId(), ALICE.publicKey(), BOB.nodeId(), BOB.publicKey());
    private static final byte[] PAYLOAD = "heartbeat 42".getBytes(StandardCharsets.UTF_8);

    private final ReplayGuard guard = new ReplayGuard(Duration.ofSeconds(30), 10_000);

    private SignedEnvelope sealed() {
        return SignedEnvelope.seal(ALICE, PAYLOAD, NOW, Fixtures.RANDOM);
    }

    @Test
    void aSealedEnvelopeVerifiesAndRoundTrips() {
        SignedEnvelope e = sealed();
        SignedEnvelope back = SignedEnvelope.decode(e.encode());
        assertThat(back.senderId()).isEqualTo(ALICE.nodeId());
        assertThat(back.payload()).isEqualTo(PAYLOAD);
        assertThat(back.nonce()).isEqualTo(e.nonce()).matches("[0-9a-f]{32}");
        assertThat(back.timestampMillis()).isEqualTo(NOW.toEpochMilli());
        assertThat(back.verify(KEYS, guard, NOW.plusSeconds(1)).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void theSameEnvelopeTwiceIsReplayed() {
        byte[] wire = sealed().encode();
        assertThat(SignedEnvelope.verifyEncoded(wire, KEYS, guard, NOW).reason()).isEqualTo(Reason.OK);
        assertThat(SignedEnvelope.verifyEncoded(wire, KEYS, guard, NOW.plusSeconds(5)).reason()).isEqualTo(Reason.REPLAYED);
    }

    @Test
    void anEnvelopeOutsideTheWindowIsStale() {
        byte[] wire = sealed().encode();
        assertThat(SignedEnvelope.verifyEncoded(wire, KEYS, guard, NOW.plusSeconds(31)).reason()).isEqualTo(Reason.STALE);
        assertThat(SignedEnvelope.verifyEncoded(wire, KEYS, guard, NOW.minusSeconds(31)).reason()).isEqualTo(Reason.STALE);
    }

    @Test
    void everyAlteredByteIsCaught() {
        byte[] wire = sealed().encode();
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x01;
            Reason r = SignedEnvelope.verifyEncoded(bad, KEYS, new ReplayGuard(Duration.ofSeconds(30), 10), NOW).reason();
            assertThat(r).as("byte %d", i).isIn(Reason.BAD_SIGNATURE, Reason.MALFORMED, Reason.UNKNOWN_SENDER);
        }
    }

    @Test
    void aMessageSignedByOneNodeButClaimingAnotherIsBadSignature() {
        SignedEnvelope byBob = SignedEnvelope.seal(BOB, PAYLOAD, NOW, Fixtures.RANDOM);
        byte[] wire = byBob.encode();
        byte[] claimAlice = replace(wire, BOB.nodeId(), ALICE.nodeId());
        assertThat(SignedEnvelope.verifyEncoded(claimAlice, KEYS, guard, NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownSenderIsRefused() {
        NodeIdentity stranger = NodeIdentity.generate();
        SignedEnvelope e = SignedEnvelope.seal(stranger, PAYLOAD, NOW, Fixtures.RANDOM);
        assertThat(e.verify(KEYS, guard, NOW).reason()).isEqualTo(Reason.UNKNOWN_SENDER);
    }

    @Test
    void aForgeryDoesNotUseUpTheGenuineMessagesNonce() {
        byte[] wire = sealed().encode();
        byte[] forged = wire.clone();
        forged[forged.length - 1] ^= 0x01;
        assertThat(SignedEnvelope.verifyEncoded(forged, KEYS, guard, NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(SignedEnvelope.verifyEncoded(wire, KEYS, guard, NOW).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void truncatedOrPaddedBytesAreMalformed() {
        byte[] wire = sealed().encode();
        assertThat(SignedEnvelope.verifyEncoded(Arrays.copyOf(wire, wire.length - 1), KEYS, guard, NOW).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(SignedEnvelope.verifyEncoded(Arrays.copyOf(wire, wire.length + 1), KEYS, guard, NOW).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(SignedEnvelope.verifyEncoded(new byte[0], KEYS, guard, NOW).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aFullGuardIsOverloadedNotOk() {
        ReplayGuard tiny = new ReplayGuard(Duration.ofSeconds(30), 1);
        assertThat(sealed().verify(KEYS, tiny, NOW).reason()).isEqualTo(Reason.OK);
        assertThat(sealed().verify(KEYS, tiny, NOW).reason()).isEqualTo(Reason.OVERLOADED);
    }

    private static byte[] replace(byte[] wire, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        byte[] out = wire.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
                return out;
            }
        }
        throw new IllegalStateException("not found");
    }
}
