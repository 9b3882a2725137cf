package io.cell0.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Reads a PKCS#10 CSR and returns its public key only after its self-signature verifies. The signature
 * proves that whoever sent the CSR holds the private key; without this check a CA could be asked to
 * certify somebody else's public key.
 */
public final class CertificationRequests {
    private CertificationRequests() {
    }

    /**
     * The P-256 public key of a CSR given as PEM text or DER bytes.
     *
     * @throws IllegalArgumentException if it cannot be parsed, its signature does not verify, or its key
     *                                  is not P-256
     */
    public static PublicKey verifiedPublicKey(byte[] pemOrDer) {
        byte[] der = Pem.looksLikePem(pemOrDer)
                ? Pem.decodeFirst(new String(pemOrDer, StandardCharsets.US_ASCII), Pem.CERTIFICATE_REQUEST)
                : pemOrDer;
        JcaPKCS10CertificationRequest csr;
        try {
            csr = new JcaPKCS10CertificationRequest(der);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a PKCS#10 certificate signing request", e);
        }
        PublicKey key = p256Key(csr);
        boolean valid;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            valid = csr.isSignatureValid(verifier);
        } catch (Exception e) {
            throw new IllegalArgumentException("the CSR signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new IllegalArgumentException("the CSR signature does not verify: the sender does not hold the key");
        }
        return key;
    }

    /** The CSR's key through the JDK's "EC" key factory (Bouncy Castle would look it up by OID, which SunEC does not register). */
    private static PublicKey p256Key(JcaPKCS10CertificationRequest csr) {
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        } catch (Exception e) {
            throw new IllegalArgumentException("the CSR key is not an ECDSA P-256 key", e);
        }
        return EcKeys.requireP256("the CSR key", key);
    }
}
