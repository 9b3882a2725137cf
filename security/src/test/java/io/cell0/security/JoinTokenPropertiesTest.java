package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.JoinTokenVerdict.Reason;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever single byte of a token is changed, it no longer verifies. */
class JoinTokenPropertiesTest {
    private static final SignedJoinToken TOKEN = JoinTokenTest.claims().sign(JoinTokenTest.ISSUER);
    private static final String COMPACT = TOKEN.compact();
    private static final JoinTokenVerifier VERIFIER = new JoinTokenVerifier();

    private static Reason verify(String compact) {
        return VERIFIER.verify(compact, JoinTokenTest.MEMBERS, JoinTokenTest.JOINER.nodeId(), JoinPermission.VOTER, NOW,
                JoinTokenTest.CA_FP, JoinTokenTest.CLUSTER).reason();
    }

    @Property(tries = 400)
    void anySingleCharacterChangeInTheCompactFormFails(@ForAll @IntRange(min = 0, max = 100_000) int position,
                                                       @ForAll @IntRange(min = 1, max = 255) int delta) {
        int i = position % COMPACT.length();
        char changed = (char) ((COMPACT.charAt(i) + delta) % 256);
        String tampered = COMPACT.substring(0, i) + changed + COMPACT.substring(i + 1);
        assertThat(verify(COMPACT)).isEqualTo(Reason.OK);
        assertThat(verify(tampered)).isNotEqualTo(Reason.OK);
    }

    @Property(tries = 400)
    void anySingleByteChangeInTheEncodedTokenFails(@ForAll @IntRange(min = 0, max = 100_000) int position,
                                                   @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] payload = TOKEN.payload();
        byte[] signature = TOKEN.signature();
        int i = position % (payload.length + signature.length);
        if (i < payload.length) {
            payload[i] ^= (byte) xor;
        } else {
            signature[i - payload.length] ^= (byte) xor;
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        assertThat(verify(b64.encodeToString(payload) + "." + b64.encodeToString(signature))).isNotEqualTo(Reason.OK);
    }
}
