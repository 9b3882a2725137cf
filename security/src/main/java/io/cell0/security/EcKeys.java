package io.cell0.security;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * ECDSA P-256 keys: the only TLS key type used in the cluster, because it is the one both the JDK and
 * Ratis' BoringSSL accept for the CA and for every leaf (see {@code shared/reference/tls.md}).
 */
public final class EcKeys {
    /** The signature algorithm of every certificate and CSR the cluster makes. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private EcKeys() {
    }

    public static KeyPair generateP256(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("this JDK cannot generate P-256 keys", e);
        }
    }

    public static KeyPair generateP256() {
        return generateP256(new SecureRandom());
    }

    /** True if {@code key} is an EC public key on the named curve P-256 (secp256r1). */
    public static boolean isP256(PublicKey key) {
        if (key == null || key.getEncoded() == null) {
            return false;
        }
        try {
            AlgorithmIdentifier alg = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
            return X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
                    && SECObjectIdentifiers.secp256r1.equals(alg.getParameters());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static PublicKey requireP256(String what, PublicKey key) {
        if (!isP256(key)) {
            throw new IllegalArgumentException(what + " must be an ECDSA P-256 public key, got "
                    + (key == null ? "nothing" : key.getAlgorithm()));
        }
        return key;
    }

    /** True if {@code key} is an EC private key on P-256. */
    public static boolean isP256(PrivateKey key) {
        if (key == null || key.getEncoded() == null) {
            return false;
        }
        try {
            AlgorithmIdentifier alg = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
            return X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
                    && SECObjectIdentifiers.secp256r1.equals(alg.getParameters());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The PKCS#8 ("BEGIN PRIVATE KEY") encoding of a P-256 private key in its most minimal form: version
     * 0, curve named in the algorithm identifier, and an inner SEC1 ECPrivateKey with neither the
     * optional parameters nor the optional public key. BoringSSL (Ratis) and the JDK both read it; being
     * rebuilt from the private scalar, the output does not depend on which provider made the key.
     */
    public static byte[] pkcs8(PrivateKey key) {
        if (!isP256(key) || !(key instanceof java.security.interfaces.ECPrivateKey ec)) {
            throw new IllegalArgumentException("expected an ECDSA P-256 private key, got " + key.getAlgorithm());
        }
        BigInteger s = ec.getS();
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
                    new org.bouncycastle.asn1.sec.ECPrivateKey(256, s));
            return info.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new PkiException("cannot encode an EC private key", e);
        }
    }

    /** Reads a PKCS#8 P-256 private key (with or without the optional public key). */
    public static PrivateKey decodePrivate(byte[] pkcs8) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (!isP256(key)) {
                throw new IllegalArgumentException("the private key is EC but not on P-256");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 EC private key", e);
        }
    }

    /** Whether the inner SEC1 structure of a PKCS#8 EC key carries the optional public key; used by tests. */
    static boolean pkcs8CarriesPublicKey(byte[] pkcs8) throws IOException {
        ASN1Primitive inner = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive();
        return org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(inner).getPublicKey() != null;
    }
}
