package io.cell0.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Shared test inputs. Times are fixed so no test depends on when it runs (except the TLS ones, which must). */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** A CA valid from 30 days before {@code now} for 10 years. */
    static ClusterCa ca(String clusterId, Instant now) {
        return ClusterCa.create(clusterId, Validity.starting(now.minus(Duration.ofDays(30)), Duration.ofDays(3650)), RANDOM);
    }

    static SubjectAltNames loopback() {
        return SubjectAltNames.of(List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A node certificate for a fresh identity and TLS key. */
    static Issued node(ClusterCa ca, Validity validity) {
        NodeIdentity id = NodeIdentity.generate(RANDOM);
        KeyPair tls = EcKeys.generateP256(RANDOM);
        X509Certificate cert = ca.issue(LeafRequest.node(id, tls.getPublic(), loopback(), validity));
        return new Issued(id, tls, cert);
    }

    record Issued(NodeIdentity identity, KeyPair tlsKey, X509Certificate cert) {
    }

    /** The CA's private key, read back from its saved file (the class itself never hands it out). */
    static PrivateKey caKey(ClusterCa ca, Path tmp) throws IOException {
        ca.save(tmp);
        return PemFiles.readPrivateKey(tmp.resolve(ClusterCa.KEY_FILE));
    }

    /**
     * A leaf signed by the CA but built by hand, to test what our issuer never produces. It has the
     * normal leaf extensions; {@code extra} adds SANs or anything else.
     */
    static X509Certificate handMadeLeaf(X509Certificate caCert, PrivateKey caKey, PublicKey subjectKey, Validity v,
                                        Consumer<X509v3CertificateBuilder> extra) throws Exception {
        return handMade(caCert, caKey, subjectKey, v, false, true, extra);
    }

    /** Like {@link #handMadeLeaf} with a choice of CA:true and of leaving out the extended key usage. */
    static X509Certificate handMade(X509Certificate caCert, PrivateKey caKey, PublicKey subjectKey, Validity v,
                                    boolean markedAsCa, boolean withEku, Consumer<X509v3CertificateBuilder> extra) throws Exception {
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(RANDOM.nextInt(1 << 30) + 1L),
                Date.from(v.notBefore()), Date.from(v.notAfter()), new X500Name("CN=hand-made"),
                SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(markedAsCa));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | (markedAsCa ? KeyUsage.keyCertSign : 0)));
        if (withEku) {
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        }
        extra.accept(b);
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
    }
}
