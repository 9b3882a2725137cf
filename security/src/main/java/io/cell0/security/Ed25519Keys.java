package io.cell0.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Encoding helpers for Ed25519 keys. The JDK signs and verifies; Bouncy Castle is used only to derive a
 * public key from a private one, which the JDK API cannot do, so that a node's identity lives in a
 * single private key file.
 */
final class Ed25519Keys {
    private Ed25519Keys() {
    }

    static boolean isEd25519(PublicKey key) {
        if (key == null || key.getEncoded() == null) {
            return false;
        }
        try {
            return EdECObjectIdentifiers.id_Ed25519.equals(
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static PublicKey requireEd25519(String what, PublicKey key) {
        if (!isEd25519(key)) {
            throw new IllegalArgumentException(what + " must be an Ed25519 public key, got "
                    + (key == null ? "nothing" : key.getAlgorithm()));
        }
        return key;
    }

    /** An Ed25519 public key from its SubjectPublicKeyInfo DER; rejects every other key type. */
    static PublicKey decodePublic(byte[] spki) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
                throw new IllegalArgumentException("not an Ed25519 public key: " + info.getAlgorithm().getAlgorithm());
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    static PrivateKey decodePrivate(byte[] pkcs8) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new IllegalArgumentException("not an Ed25519 private key: " + info.getPrivateKeyAlgorithm().getAlgorithm());
            }
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** The public half of an Ed25519 private key (RFC 8032 derivation, by Bouncy Castle's lightweight API). */
    static PublicKey publicFromPrivate(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw);
            return decodePublic(spki.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }
}
