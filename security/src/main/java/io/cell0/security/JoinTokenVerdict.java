package io.cell0.security;

import java.util.Optional;

/**
 * The outcome of {@link JoinTokenVerifier#verify}: a reason the join endpoint can map to an error code,
 * a sentence for the log, and the token's claims once its signature has been checked (so callers can
 * record the nonce and the issuer; claims of a token with a bad signature are never handed out).
 */
public record JoinTokenVerdict(Reason reason, String detail, Optional<JoinToken> token) {

    public enum Reason {
        OK,
        /** Not a token: bad text, bad base64, truncated, unknown version, impossible field values. */
        MALFORMED,
        /** The issuer is not a current member, so there is no key to check the signature with. */
        UNKNOWN_ISSUER,
        /** The signature does not verify with the issuer's key: forged or altered. */
        BAD_SIGNATURE,
        /** Made for another cluster. */
        WRONG_CLUSTER,
        /** Pins a different CA than the one this cluster uses. */
        WRONG_CA,
        /** Issued for longer than {@link JoinToken#MAX_LIFETIME}, which no honest member does. */
        LIFETIME_TOO_LONG,
        /** Issued in the future (beyond the allowed clock skew). */
        NOT_YET_VALID,
        EXPIRED,
        /** Presented by someone other than the subject it names. */
        WRONG_SUBJECT,
        /** The requested membership is not among the token's permissions. */
        ROLE_NOT_PERMITTED
    }

    static JoinTokenVerdict fail(Reason reason, String detail, JoinToken trustedClaims) {
        return new JoinTokenVerdict(reason, detail, Optional.ofNullable(trustedClaims));
    }

    public boolean isOk() {
        return reason == Reason.OK;
    }
}
