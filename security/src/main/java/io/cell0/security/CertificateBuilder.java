package io.cell0.security;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The two certificate shapes the cluster signs, and nothing else: the self-signed CA and a leaf. Kept
 * apart from {@link ClusterCa} so the exact extension list of each shape reads in one place.
 */
final class CertificateBuilder {
    private CertificateBuilder() {
    }

    static X500Name commonName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    /**
     * Self-signed CA: basicConstraints critical CA:true with pathLen 0 (it signs leaves only, never another
     * CA), keyUsage critical keyCertSign + cRLSign, and a subject key identifier that leaves point back to.
     */
    static X509Certificate ca(X500Name subject, java.security.KeyPair keyPair, Validity validity, SecureRandom random) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(subject, serial(random),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject,
                    SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keyPair.getPublic()));
            return sign(b, keyPair.getPrivate());
        } catch (Exception e) {
            throw new PkiException("cannot build the CA certificate", e);
        }
    }

    /**
     * A leaf: CA:false and keyUsage digitalSignature (both critical; ECDHE-ECDSA needs nothing else), EKU
     * serverAuth + clientAuth (every cluster member is both in mTLS), key identifiers, the URI SAN with
     * the principal, the DNS/IP SANs, and for nodes the Ed25519 binding extension.
     */
    static X509Certificate leaf(X509Certificate caCert, PrivateKey caKey, LeafRequest r, SecureRandom random) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
            PublicKey key = r.tlsPublicKey();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial(random),
                    Date.from(r.validity().notBefore()), Date.from(r.validity().notAfter()),
                    commonName(r.identity()), SubjectPublicKeyInfo.getInstance(key.getEncoded()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(subjectKeyId(caCert)));
            b.addExtension(Extension.subjectAlternativeName, false, altNames(r));
            if (r.ed25519Identity() != null) {
                ASN1Encodable spki = SubjectPublicKeyInfo.getInstance(r.ed25519Identity().getEncoded());
                b.addExtension(Cell0Extensions.NODE_IDENTITY_KEY, false, spki);
            }
            return sign(b, caKey);
        } catch (Exception e) {
            throw new PkiException("cannot build the certificate for " + r.principal(), e);
        }
    }

    private static GeneralNames altNames(LeafRequest r) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, r.principal().toUri()));
        for (String dns : r.sans().dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : r.sans().ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** The CA's own subject key identifier, so a leaf's authority key identifier matches it byte for byte. */
    private static byte[] subjectKeyId(X509Certificate caCert) throws java.io.IOException, java.security.NoSuchAlgorithmException {
        byte[] ext = caCert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caCert.getPublicKey()).getKeyIdentifier();
        }
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext)).getKeyIdentifier();
    }

    /** A positive 127-bit random serial: unpredictable (RFC 5280 asks for 64+ bits) and under 20 octets. */
    private static BigInteger serial(SecureRandom random) {
        BigInteger s = new BigInteger(127, random);
        return s.signum() == 0 ? BigInteger.ONE : s;
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM).build(key));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
