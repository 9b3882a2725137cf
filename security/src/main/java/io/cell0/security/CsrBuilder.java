package io.cell0.security;

import java.io.IOException;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes a PKCS#10 certificate signing request for a P-256 key, so that a node's TLS private key never
 * has to leave the node: only the CSR travels to whoever holds the CA key.
 *
 * <p>The CSR's subject and any requested extensions are informational. The CA takes only the public key
 * (after checking the CSR's self-signature) and decides role, identity, SANs and validity itself.
 */
public final class CsrBuilder {
    private CsrBuilder() {
    }

    /** A DER CSR for {@code keyPair} with subject {@code CN=<commonName>}. */
    public static byte[] create(KeyPair keyPair, String commonName) {
        EcKeys.requireP256("the CSR key", keyPair.getPublic());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM).build(keyPair.getPrivate()));
            return csr.getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new PkiException("cannot build a CSR", e);
        }
    }

    public static String createPem(KeyPair keyPair, String commonName) {
        return Pem.encode(Pem.CERTIFICATE_REQUEST, create(keyPair, commonName));
    }
}
