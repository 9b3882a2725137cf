package io.cell0.security;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * What a certificate says about its holder, read back from the certificate alone. Parsing never
 * throws for a certificate that is merely not one of ours: a missing or malformed cell0 URI SAN gives an
 * empty {@link #principal()}, a missing or malformed binding extension an empty {@link #ed25519Identity()}.
 * Whether any of it is <em>trustworthy</em> is {@link CertificateValidator}'s question.
 *
 * @param principal       the single well-formed {@code urn:cell0:} URI SAN; empty if there is none or more than one
 * @param ed25519Identity the node's Ed25519 key from {@link Cell0Extensions#NODE_IDENTITY_KEY}
 * @param uris            every URI SAN, as written
 */
public record CertificateInfo(Optional<Principal> principal, Optional<PublicKey> ed25519Identity,
                              List<String> dnsNames, List<String> ipAddresses, List<String> uris,
                              Instant notBefore, Instant notAfter, String subject, String issuer,
                              BigInteger serialNumber, String fingerprint) {
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    public static CertificateInfo parse(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            sans = null;
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                Object value = san.get(1);
                if (type == SAN_DNS) {
                    dns.add((String) value);
                } else if (type == SAN_IP) {
                    ips.add((String) value);
                } else if (type == SAN_URI) {
                    uris.add((String) value);
                }
            }
        }
        return new CertificateInfo(principalOf(uris), ed25519Of(cert), List.copyOf(dns), List.copyOf(ips), List.copyOf(uris),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                cert.getSerialNumber(), Fingerprints.sha256(cert));
    }

    /** Exactly one cell0 URN: two would make "who is this" ambiguous, so that counts as none. */
    private static Optional<Principal> principalOf(List<String> uris) {
        List<String> ours = uris.stream().filter(u -> u.startsWith(Principal.URN_PREFIX)).toList();
        return ours.size() == 1 ? Principal.parse(ours.get(0)) : Optional.empty();
    }

    private static Optional<PublicKey> ed25519Of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Cell0Extensions.NODE_IDENTITY_KEY.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ed25519Keys.decodePublic(ASN1OctetString.getInstance(ext).getOctets()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<Role> role() {
        return principal.map(Principal::role);
    }

    public Optional<String> identity() {
        return principal.map(Principal::identity);
    }

    /** The node id derived from the bound Ed25519 key, if there is one. */
    public Optional<String> ed25519NodeId() {
        return ed25519Identity.map(NodeIdentity::nodeIdOf);
    }
}
