package io.cell0.security;

import io.cell0.security.ValidationResult.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a presented certificate chain is a valid member of this cluster, at an instant the
 * caller passes in (no hidden clock, so a decision can be replayed and tested).
 *
 * <p>Order of checks, chosen so that the reason is the most useful one: first "is this our CA at all"
 * (a certificate from another cluster is that, whatever else is wrong with it), then the time window,
 * then full PKIX validation with this CA as the only trust anchor and revocation off (we have no CRLs;
 * leaves are short-lived instead), then our own rules: one cell0 URI SAN, an accepted role, and for nodes
 * the Ed25519 binding.
 *
 * <p>Our CA signs leaves directly, so after dropping any copy of the CA itself the chain must be exactly
 * one certificate.
 */
public final class CertificateValidator {
    private final X509Certificate ca;

    public CertificateValidator(X509Certificate ca) {
        this.ca = ca;
    }

    public ValidationResult validate(X509Certificate leaf, Role expectedRole, Instant at) {
        return validate(List.of(leaf), EnumSet.of(expectedRole), at);
    }

    public ValidationResult validate(List<X509Certificate> chain, Role expectedRole, Instant at) {
        return validate(chain, EnumSet.of(expectedRole), at);
    }

    /** Validates {@code chain} (leaf first, as TLS presents it) accepting any role in {@code acceptedRoles}. */
    public ValidationResult validate(List<X509Certificate> chain, Set<Role> acceptedRoles, Instant at) {
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (!c.equals(ca)) {
                path.add(c);
            }
        }
        if (path.size() != 1) {
            return ValidationResult.fail(Reason.INVALID, "expected one leaf certificate signed directly by the CA, got " + path.size());
        }
        X509Certificate leaf = path.get(0);
        if (!issuedByOurCa(leaf)) {
            return ValidationResult.fail(Reason.OTHER_CA, "not signed by the cluster CA " + ca.getSubjectX500Principal().getName()
                    + " (issuer " + leaf.getIssuerX500Principal().getName() + ")");
        }
        if (at.isBefore(leaf.getNotBefore().toInstant())) {
            return ValidationResult.fail(Reason.NOT_YET_VALID, "valid from " + leaf.getNotBefore().toInstant() + ", checked at " + at);
        }
        if (at.isAfter(leaf.getNotAfter().toInstant())) {
            return ValidationResult.fail(Reason.EXPIRED, "expired at " + leaf.getNotAfter().toInstant() + ", checked at " + at);
        }
        ValidationResult pkix = pkix(leaf, at);
        if (pkix != null) {
            return pkix;
        }
        ValidationResult shape = leafShape(leaf);
        if (shape != null) {
            return shape;
        }
        CertificateInfo info = CertificateInfo.parse(leaf);
        if (info.principal().isEmpty()) {
            return ValidationResult.fail(Reason.MISSING_URI_SAN, "no single urn:cell0:<role>:<identity> URI SAN in " + info.uris());
        }
        Principal who = info.principal().get();
        if (!acceptedRoles.contains(who.role())) {
            return ValidationResult.fail(Reason.WRONG_ROLE, who + " has role " + who.role() + ", accepted: " + acceptedRoles);
        }
        if (who.role() == Role.NODE && !info.ed25519NodeId().map(who.identity()::equals).orElse(false)) {
            return ValidationResult.fail(Reason.BAD_IDENTITY_BINDING, who + " does not carry the Ed25519 key of its node id");
        }
        return ValidationResult.ok(info);
    }

    /**
     * True when less than {@code fraction} of the certificate's lifetime is left at {@code now} (or it
     * has expired). With 1/3 and 90-day leaves, renewal starts 30 days before expiry: enough time to
     * notice and fix a failing renewal.
     */
    public static boolean needsRenewal(X509Certificate cert, Instant now, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, got " + fraction);
        }
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        long lifetime = Duration.between(notBefore, notAfter).toMillis();
        long left = Duration.between(now, notAfter).toMillis();
        return left < lifetime * fraction;
    }

    private boolean issuedByOurCa(X509Certificate leaf) {
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The JDK's PKIX validation (key usage, basic constraints, unknown critical extensions...). */
    private ValidationResult pkix(X509Certificate leaf, Instant at) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return null;
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return ValidationResult.fail(Reason.EXPIRED, e.getMessage());
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return ValidationResult.fail(Reason.NOT_YET_VALID, e.getMessage());
            }
            return ValidationResult.fail(Reason.INVALID, "PKIX: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new PkiException("PKIX validation could not run", e);
        }
    }

    /** A leaf must not be a CA and must be usable for both ends of mutual TLS. */
    private static ValidationResult leafShape(X509Certificate leaf) {
        if (leaf.getBasicConstraints() != -1) {
            return ValidationResult.fail(Reason.INVALID, "a CA certificate cannot be used as a leaf");
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku == null || !eku.contains("1.3.6.1.5.5.7.3.1") || !eku.contains("1.3.6.1.5.5.7.3.2")) {
                return ValidationResult.fail(Reason.INVALID, "extended key usage must include serverAuth and clientAuth, got " + eku);
            }
        } catch (CertificateParsingException e) {
            return ValidationResult.fail(Reason.INVALID, "unreadable extended key usage");
        }
        return null;
    }
}
