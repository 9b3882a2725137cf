package io.cell0.security;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Our own X.509 extension.
 *
 * <p>{@link #NODE_IDENTITY_KEY} holds the node's Ed25519 public key as SubjectPublicKeyInfo DER. It is
 * how the CA vouches that the TLS key (ECDSA P-256, forced by BoringSSL) and the identity key (Ed25519,
 * which signs join tokens and messages) belong to the same node. It is non-critical so that generic
 * TLS stacks (JDK, BoringSSL, openssl) that do not know it still accept the certificate.
 *
 * <p><b>The OID is not registered with IANA.</b> It lives under the ITU-T X.667 UUID arc {@code 2.25},
 * where anyone may mint an OID from a random UUID without registration; uniqueness comes from the UUID
 * ({@code fa361a6e-20d8-4139-bfdb-a931b0529ba9}, generated once for this project). Below it we use
 * {@code .1} for certificate extensions and {@code .1.1} for this one. Should the project obtain a
 * Private Enterprise Number, a new OID can be added and both accepted during a rotation.
 */
public final class Cell0Extensions {
    /** {@code 2.25.<uuid as integer>}: the project's private arc. */
    public static final String ARC = "2.25.332587919044502376740831000131565427625";

    /** The node's Ed25519 identity key (SubjectPublicKeyInfo DER), non-critical, NODE certificates only. */
    public static final ASN1ObjectIdentifier NODE_IDENTITY_KEY = new ASN1ObjectIdentifier(ARC + ".1.1");

    private Cell0Extensions() {
    }
}
