package io.cell0.security;

import io.cell0.security.JoinTokenVerdict.Reason;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a join token presented by a newcomer. Stateless: single use (the token id was not used before)
 * is checked against the replicated state by the caller, after this says OK.
 *
 * <p>Order: parse, then the signature (with the issuer's key from the current member list), and only
 * then the claims. Claims of an unsigned or forged token are not looked at, so an attacker learns
 * nothing from which claim check would have failed.
 *
 * <p>Clock skew: members' clocks differ, so a token counts as issued {@code clockSkew} early and as
 * expiring {@code clockSkew} late. The lifetime limit is on the signed times and has no slack.
 */
public final class JoinTokenVerifier {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    private final Duration clockSkew;

    public JoinTokenVerifier(Duration clockSkew) {
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew cannot be negative");
        }
        this.clockSkew = clockSkew;
    }

    public JoinTokenVerifier() {
        this(DEFAULT_CLOCK_SKEW);
    }

    /**
     * @param compactToken          the token text as presented
     * @param members               node id to Ed25519 public key of every current member allowed to issue tokens
     * @param expectedSubject       the name the newcomer authenticated as
     * @param requestedRole         the membership it asks for
     * @param now                   the instant to check at
     * @param expectedCaFingerprint this cluster's CA fingerprint ({@link ClusterCa#fingerprint()})
     * @param expectedClusterId     this cluster's id
     */
    public JoinTokenVerdict verify(String compactToken, Map<String, PublicKey> members, String expectedSubject,
                                   JoinPermission requestedRole, Instant now, String expectedCaFingerprint,
                                   String expectedClusterId) {
        SignedJoinToken signed;
        try {
            signed = SignedJoinToken.parse(compactToken);
        } catch (MalformedTokenException e) {
            return JoinTokenVerdict.fail(Reason.MALFORMED, e.getMessage(), null);
        }
        return verify(signed, members, expectedSubject, requestedRole, now, expectedCaFingerprint, expectedClusterId);
    }

    /** The same for an already parsed token. */
    public JoinTokenVerdict verify(SignedJoinToken signed, Map<String, PublicKey> members, String expectedSubject,
                                   JoinPermission requestedRole, Instant now, String expectedCaFingerprint,
                                   String expectedClusterId) {
        JoinToken t = signed.token();
        PublicKey issuerKey = members.get(t.issuer());
        if (issuerKey == null) {
            return JoinTokenVerdict.fail(Reason.UNKNOWN_ISSUER, "issuer " + t.issuer() + " is not a member", null);
        }
        if (!NodeIdentity.verify(issuerKey, signed.payload(), signed.signature())) {
            return JoinTokenVerdict.fail(Reason.BAD_SIGNATURE, "signature does not verify with the key of " + t.issuer(), null);
        }
        if (!t.clusterId().equals(expectedClusterId)) {
            return JoinTokenVerdict.fail(Reason.WRONG_CLUSTER, "token is for cluster " + t.clusterId(), t);
        }
        if (!t.caFingerprint().equals(expectedCaFingerprint)) {
            return JoinTokenVerdict.fail(Reason.WRONG_CA, "token pins CA " + t.caFingerprint(), t);
        }
        if (t.lifetime().compareTo(JoinToken.MAX_LIFETIME) > 0) {
            return JoinTokenVerdict.fail(Reason.LIFETIME_TOO_LONG, "token lives " + t.lifetime() + ", more than " + JoinToken.MAX_LIFETIME, t);
        }
        if (now.plus(clockSkew).isBefore(t.issuedAt())) {
            return JoinTokenVerdict.fail(Reason.NOT_YET_VALID, "issued at " + t.issuedAt() + ", now " + now, t);
        }
        if (!now.minus(clockSkew).isBefore(t.expiresAt())) {
            return JoinTokenVerdict.fail(Reason.EXPIRED, "expired at " + t.expiresAt() + ", now " + now, t);
        }
        if (!t.subject().equals(expectedSubject)) {
            return JoinTokenVerdict.fail(Reason.WRONG_SUBJECT, "token is for " + t.subject() + ", presented by " + expectedSubject, t);
        }
        if (!t.permissions().contains(requestedRole)) {
            return JoinTokenVerdict.fail(Reason.ROLE_NOT_PERMITTED, requestedRole + " not in " + t.permissions(), t);
        }
        return new JoinTokenVerdict(Reason.OK, "valid", Optional.of(t));
    }
}
