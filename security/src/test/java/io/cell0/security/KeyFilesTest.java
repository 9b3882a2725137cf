package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    Path tmp;

    private final ClusterCa ca = Fixtures.ca("prod-1", NOW);
    private final Fixtures.Issued node = Fixtures.node(ca, Validity.starting(NOW, Duration.ofDays(90)));

    @Test
    void theEcKeyFileIsMinimalPkcs8WithoutThePublicKey() throws Exception {
        Path key = tmp.resolve("node.key");
        PemFiles.writePrivateKey(key, node.tlsKey().getPrivate());
        String pem = Files.readString(key);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Pem.decodeFirst(pem, Pem.PRIVATE_KEY);
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        assertThat(info.getVersion().intValueExact()).as("PKCS#8 v1 (version 0)").isZero();
        assertThat(info.hasPublicKey()).isFalse();
        assertThat(EcKeys.pkcs8CarriesPublicKey(der)).as("no public key inside the SEC1 structure").isFalse();
        PrivateKey back = PemFiles.readPrivateKey(key);
        assertThat(((java.security.interfaces.ECPrivateKey) back).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) node.tlsKey().getPrivate()).getS());
    }

    @Test
    void privateKeysAndKeyStoresAreMode600AndCertificatesAndTrustStores644() throws Exception {
        assumeThat(SecureFiles.isPosix(tmp)).isTrue();
        PemFiles.writePrivateKey(tmp.resolve("node.key"), node.tlsKey().getPrivate());
        PemFiles.writeCertificate(tmp.resolve("node.crt"), node.cert());
        KeyStores.writeKeyStore(tmp.resolve("node.p12"), node.tlsKey().getPrivate(), List.of(node.cert(), ca.certificate()), PASSWORD);
        KeyStores.writeTrustStore(tmp.resolve("truststore.p12"), ca.certificate(), PASSWORD);
        assertThat(mode("node.key")).isEqualTo("rw-------");
        assertThat(mode("node.p12")).isEqualTo("rw-------");
        assertThat(mode("node.crt")).isEqualTo("rw-r--r--");
        assertThat(mode("truststore.p12")).isEqualTo("rw-r--r--");
    }

    @Test
    void pkcs12KeyStoreAndTrustStoreRoundTrip() throws Exception {
        KeyStores.writeKeyStore(tmp.resolve("node.p12"), node.tlsKey().getPrivate(), List.of(node.cert(), ca.certificate()), PASSWORD);
        KeyStores.writeTrustStore(tmp.resolve("truststore.p12"), ca.certificate(), PASSWORD);

        KeyStore ks = KeyStores.read(tmp.resolve("node.p12"), PASSWORD);
        assertThat(ks.getType()).isEqualToIgnoringCase("PKCS12");
        assertThat(ks.isKeyEntry(KeyStores.KEY_ALIAS)).isTrue();
        Certificate[] chain = ks.getCertificateChain(KeyStores.KEY_ALIAS);
        assertThat(chain).containsExactly(node.cert(), ca.certificate());
        assertThat(ks.getKey(KeyStores.KEY_ALIAS, PASSWORD).getEncoded()).isEqualTo(node.tlsKey().getPrivate().getEncoded());

        KeyStore ts = KeyStores.read(tmp.resolve("truststore.p12"), PASSWORD);
        assertThat(ts.isCertificateEntry(KeyStores.CA_ALIAS)).as("a trusted-certificate entry, as TrustManagerFactory needs").isTrue();
        assertThat(ts.size()).isEqualTo(1);
        assertThat(ts.getCertificate(KeyStores.CA_ALIAS)).isEqualTo(ca.certificate());
    }

    @Test
    void pemCertificatesRoundTripInOrder() throws Exception {
        PemFiles.writeCertificates(tmp.resolve("chain.crt"), List.of(node.cert(), ca.certificate()));
        assertThat(PemFiles.readCertificates(tmp.resolve("chain.crt"))).containsExactly(node.cert(), ca.certificate());
        assertThat(PemFiles.readCertificate(tmp.resolve("chain.crt"))).isEqualTo(node.cert());
    }

    private String mode(String file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(file)));
    }
}
