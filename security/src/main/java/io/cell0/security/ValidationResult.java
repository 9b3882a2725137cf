package io.cell0.security;

import java.util.Optional;

/**
 * The outcome of {@link CertificateValidator#validate}: a reason a program can switch on, a sentence
 * a human can act on, and on success what the certificate says.
 */
public record ValidationResult(Reason reason, String detail, Optional<CertificateInfo> info) {

    /** Why a chain was refused, or {@link #OK}. */
    public enum Reason {
        OK,
        /** Not signed by this cluster's CA (another cluster, or a re-initialised CA with the same name). */
        OTHER_CA,
        /** Past its notAfter at the instant checked. */
        EXPIRED,
        /** Before its notBefore at the instant checked. */
        NOT_YET_VALID,
        /** The certificate's role is not one of those the caller accepts. */
        WRONG_ROLE,
        /** No single well-formed {@code urn:cell0:<role>:<identity>} URI SAN. */
        MISSING_URI_SAN,
        /** A NODE certificate whose Ed25519 extension is missing, malformed, or not the key of its node id. */
        BAD_IDENTITY_BINDING,
        /** Anything else PKIX or our shape rules refuse (a CA as leaf, wrong key usage, extra chain elements). */
        INVALID
    }

    static ValidationResult ok(CertificateInfo info) {
        return new ValidationResult(Reason.OK, "valid", Optional.of(info));
    }

    static ValidationResult fail(Reason reason, String detail) {
        return new ValidationResult(reason, detail, Optional.empty());
    }

    public boolean isOk() {
        return reason == Reason.OK;
    }
}
