package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.security.JoinTokenVerdict.Reason;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinTokenTest {
    static final NodeIdentity ISSUER = NodeIdentity.generate();
    static final NodeIdentity JOINER = NodeIdentity.generate();
    static final String CLUSTER = "prod-1";
    static final String CA_FP = Fixtures.ca(CLUSTER, NOW).fingerprint();
    static final Map<String, PublicKey> MEMBERS = Map.of(ISSUER.nodeId(), ISSUER.publicKey());
    static final Duration SKEW = JoinTokenVerifier.DEFAULT_CLOCK_SKEW;

    private final JoinTokenVerifier verifier = new JoinTokenVerifier();

    static JoinToken claims() {
        return JoinToken.issue(ISSUER, CLUSTER, CA_FP, JOINER.nodeId(), EnumSet.of(JoinPermission.VOTER, JoinPermission.OBSERVER), NOW);
    }

    static String validToken() {
        return claims().sign(ISSUER).compact();
    }

    private JoinTokenVerdict verify(String token, Instant at) {
        return verifier.verify(token, MEMBERS, JOINER.nodeId(), JoinPermission.VOTER, at, CA_FP, CLUSTER);
    }

    private JoinTokenVerdict verify(String token) {
        return verify(token, NOW.plusSeconds(60));
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Test
    void aValidTokenIsAcceptedAndExposesItsNonce() {
        JoinTokenVerdict v = verify(validToken());
        assertThat(v.reason()).isEqualTo(Reason.OK);
        JoinToken t = v.token().orElseThrow();
        assertThat(t.nonce()).matches("[0-9a-f]{32}").isEqualTo(t.tokenId());
        assertThat(t.issuer()).isEqualTo(ISSUER.nodeId());
        assertThat(t.lifetime()).isEqualTo(JoinToken.DEFAULT_LIFETIME);
        assertThat(claims().nonce()).as("fresh nonce per token").isNotEqualTo(t.nonce());
    }

    @Test
    void encodeDecodeAndCompactParseRoundTrip() throws Exception {
        JoinToken t = claims();
        assertThat(JoinToken.decode(t.encode())).isEqualTo(t);
        SignedJoinToken s = t.sign(ISSUER);
        SignedJoinToken parsed = SignedJoinToken.parse(s.compact());
        assertThat(parsed.token()).isEqualTo(t);
        assertThat(parsed.payload()).isEqualTo(t.encode());
        assertThat(parsed.signature()).isEqualTo(s.signature());
        assertThat(s.compact()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86}");
    }

    @Test
    void aSignatureByAnotherKeyIsBadSignature() {
        SignedJoinToken genuine = claims().sign(ISSUER);
        NodeIdentity attacker = NodeIdentity.generate();
        String forged = b64(genuine.payload()) + "." + b64(attacker.sign(genuine.payload()));
        assertThat(verify(forged).reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verify(forged).token()).as("claims of a forged token are not handed out").isEmpty();
    }

    @Test
    void alteredClaimsWithTheOriginalSignatureAreBadSignature() {
        SignedJoinToken genuine = claims().sign(ISSUER);
        JoinToken t = genuine.token();
        JoinToken widened = new JoinToken(t.tokenId(), t.clusterId(), t.issuer(), t.subject(), EnumSet.allOf(JoinPermission.class),
                t.issuedAt(), t.expiresAt(), t.caFingerprint());
        String altered = b64(widened.encode()) + "." + b64(genuine.signature());
        assertThat(verify(altered).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anIssuerThatIsNotAMemberIsUnknownIssuer() {
        NodeIdentity outsider = NodeIdentity.generate();
        String token = JoinToken.issue(outsider, CLUSTER, CA_FP, JOINER.nodeId(), Set.of(JoinPermission.VOTER), NOW).sign(outsider).compact();
        assertThat(verify(token).reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(verifier.verify(validToken(), Map.of(), JOINER.nodeId(), JoinPermission.VOTER, NOW, CA_FP, CLUSTER).reason())
                .isEqualTo(Reason.UNKNOWN_ISSUER);
    }

    @Test
    void expiryAllowsTheClockSkewAndNotASecondMore() {
        String token = validToken();
        Instant expires = claims().expiresAt();
        assertThat(verify(token, expires.plus(SKEW).minusSeconds(1)).reason()).isEqualTo(Reason.OK);
        assertThat(verify(token, expires.plus(SKEW)).reason()).isEqualTo(Reason.EXPIRED);
        assertThat(verify(token, expires.plus(Duration.ofDays(1))).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void aTokenFromTheFutureIsNotYetValid() {
        String token = validToken();
        assertThat(verify(token, NOW.minus(SKEW)).reason()).isEqualTo(Reason.OK);
        assertThat(verify(token, NOW.minus(SKEW).minusSeconds(1)).reason()).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void aSignedTokenLivingLongerThan24HoursIsRefused() {
        JoinToken t = claims();
        JoinToken tooLong = new JoinToken(t.tokenId(), CLUSTER, t.issuer(), t.subject(), t.permissions(),
                NOW, NOW.plus(Duration.ofHours(24)).plusSeconds(1), CA_FP);
        assertThat(verify(tooLong.sign(ISSUER).compact()).reason()).isEqualTo(Reason.LIFETIME_TOO_LONG);
        JoinToken exactly24 = new JoinToken(t.tokenId(), CLUSTER, t.issuer(), t.subject(), t.permissions(),
                NOW, NOW.plus(Duration.ofHours(24)), CA_FP);
        assertThat(verify(exactly24.sign(ISSUER).compact()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void issuanceRefusesLifetimesOver24HoursOrNotPositive() {
        Set<JoinPermission> voter = Set.of(JoinPermission.VOTER);
        for (Duration bad : new Duration[] {Duration.ofHours(25), Duration.ofHours(24).plusSeconds(1), Duration.ZERO, Duration.ofMinutes(-5)}) {
            assertThatThrownBy(() -> JoinToken.issue(ISSUER, CLUSTER, CA_FP, "edge-7", voter, NOW, bad, Fixtures.RANDOM))
                    .as("%s", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JoinToken.issue(ISSUER, CLUSTER, CA_FP, "edge-7", voter, NOW, Duration.ofHours(24), Fixtures.RANDOM).lifetime())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aTokenPresentedByAnotherSubjectIsWrongSubject() {
        JoinTokenVerdict v = verifier.verify(validToken(), MEMBERS, NodeIdentity.generate().nodeId(), JoinPermission.VOTER, NOW, CA_FP, CLUSTER);
        assertThat(v.reason()).isEqualTo(Reason.WRONG_SUBJECT);
    }

    @Test
    void aRoleOutsideThePermissionsIsNotPermitted() {
        JoinTokenVerdict v = verifier.verify(validToken(), MEMBERS, JOINER.nodeId(), JoinPermission.EDGE, NOW, CA_FP, CLUSTER);
        assertThat(v.reason()).isEqualTo(Reason.ROLE_NOT_PERMITTED);
        assertThat(verifier.verify(validToken(), MEMBERS, JOINER.nodeId(), JoinPermission.OBSERVER, NOW, CA_FP, CLUSTER).reason())
                .isEqualTo(Reason.OK);
    }

    @Test
    void aTokenPinningAnotherCaIsWrongCa() {
        String otherCa = Fixtures.ca(CLUSTER, NOW).fingerprint();
        JoinTokenVerdict v = verifier.verify(validToken(), MEMBERS, JOINER.nodeId(), JoinPermission.VOTER, NOW, otherCa, CLUSTER);
        assertThat(v.reason()).isEqualTo(Reason.WRONG_CA);
    }

    @Test
    void aTokenForAnotherClusterIsWrongCluster() {
        JoinTokenVerdict v = verifier.verify(validToken(), MEMBERS, JOINER.nodeId(), JoinPermission.VOTER, NOW, CA_FP, "prod-2");
        assertThat(v.reason()).isEqualTo(Reason.WRONG_CLUSTER);
    }

    @Test
    void malformedTokensAreMalformed() {
        String good = validToken();
        int dot = good.indexOf('.');
        byte[] payload = claims().encode();
        byte[] withTrailingByte = java.util.Arrays.copyOf(payload, payload.length + 1);
        byte[] version2 = payload.clone();
        version2[4] = 2;
        byte[] unknownPermission = payload.clone();
        int maskAt = 4 + 1 + 16 + (2 + CLUSTER.length()) + (2 + ISSUER.nodeId().length()) + (2 + JOINER.nodeId().length());
        unknownPermission[maskAt] |= 8;
        String sig = good.substring(dot + 1);
        String[] bad = {
            "", "garbage", good.substring(0, dot), good + ".", "." + sig, good.replace('.', '!'),
            good.substring(0, good.length() - 1), good.substring(0, dot - 1) + good.substring(dot), good.substring(0, good.length() / 2),
            good + "=", good.substring(0, dot) + "." + sig.substring(0, 40),
            good.substring(0, dot) + "+" + good.substring(dot),
            "x".repeat(3000) + "." + sig,
            b64(withTrailingByte) + "." + sig, b64(version2) + "." + sig, b64(unknownPermission) + "." + sig,
        };
        for (String s : bad) {
            assertThat(verify(s).reason()).as("'%s'", s.length() > 60 ? s.substring(0, 60) + "..." : s).isEqualTo(Reason.MALFORMED);
        }
    }

    @Test
    void aSecondSpellingOfTheSameBytesIsMalformed() {
        // A 64-byte signature ends in a base64 character with 4 unused bits; flipping those gives another
        // string for the same bytes. Accepting it would make two different strings the same token.
        String good = validToken();
        String sig = good.substring(good.indexOf('.') + 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(sig.charAt(sig.length() - 1));
        String twin = good.substring(0, good.length() - 1) + alphabet.charAt(last ^ 1);
        assertThat(Base64.getUrlDecoder().decode(twin.substring(twin.indexOf('.') + 1)))
                .as("the twin decodes to the same signature").isEqualTo(Base64.getUrlDecoder().decode(sig));
        assertThat(verify(twin).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theRecordRefusesNonsense() {
        JoinToken t = claims();
        assertThatThrownBy(() -> new JoinToken(t.tokenId(), CLUSTER, "node-1", t.subject(), t.permissions(), NOW, NOW.plusSeconds(1), CA_FP))
                .as("issuer must be a derived node id").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JoinToken(t.tokenId(), CLUSTER, t.issuer(), t.subject(), Set.of(), NOW, NOW.plusSeconds(1), CA_FP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JoinToken(t.tokenId(), CLUSTER, t.issuer(), t.subject(), t.permissions(), NOW, NOW, CA_FP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.sign(JOINER)).as("only the named issuer can sign").isInstanceOf(IllegalArgumentException.class);
    }
}
