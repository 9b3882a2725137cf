package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCaTest {
    @TempDir
    Path tmp;

    @Test
    void theCaIsASelfSignedP256CaThatCanOnlySignLeaves() throws Exception {
        ClusterCa ca = ClusterCa.create("prod-1", NOW);
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertThat(EcKeys.isP256(c.getPublicKey())).isTrue();
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=cell0 cluster CA prod-1");
        assertThat(c.getBasicConstraints()).as("CA:true, pathLen 0").isEqualTo(0);
        assertThat(c.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] ku = c.getKeyUsage();
        assertThat(ku[5]).as("keyCertSign").isTrue();
        assertThat(ku[6]).as("cRLSign").isTrue();
        assertThat(ku[0]).as("digitalSignature").isFalse();
        assertThat(c.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotNull();
        assertThat(ca.validity().length()).isEqualTo(Duration.ofDays(3650));
        assertThat(ca.clusterId()).isEqualTo("prod-1");
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerInLowercaseHex() throws Exception {
        ClusterCa ca = ClusterCa.create("prod-1", NOW);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded()));
        assertThat(ca.fingerprint()).isEqualTo(expected).hasSize(64);
        assertThat(ClusterCa.create("prod-1", NOW).fingerprint()).isNotEqualTo(ca.fingerprint());
    }

    @Test
    void aBadClusterIdIsRefused() {
        assertThatThrownBy(() -> ClusterCa.create("Prod 1", NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saveAndLoadRoundTripAndTheLoadedCaStillIssues() throws Exception {
        ClusterCa ca = ClusterCa.create("prod-1", NOW);
        ca.save(tmp);
        ClusterCa loaded = ClusterCa.load(tmp);
        assertThat(loaded.fingerprint()).isEqualTo(ca.fingerprint());
        assertThat(loaded.clusterId()).isEqualTo("prod-1");
        X509Certificate leaf = Fixtures.node(loaded, Validity.starting(NOW, Duration.ofDays(90))).cert();
        assertThat(new CertificateValidator(ca.certificate()).validate(leaf, Role.NODE, NOW).reason())
                .isEqualTo(ValidationResult.Reason.OK);
        assertThat(Files.readString(tmp.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(tmp.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void theCaKeyIsMode600() throws Exception {
        assumeThat(SecureFiles.isPosix(tmp)).isTrue();
        ClusterCa.create("prod-1", NOW).save(tmp);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("ca.key")))).isEqualTo("rw-------");
    }

    @Test
    void loadingAKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        ClusterCa.create("prod-1", NOW).save(tmp);
        Path other = Files.createDirectory(tmp.resolve("other"));
        ClusterCa.create("prod-1", NOW).save(other);
        Files.copy(other.resolve("ca.key"), tmp.resolve("ca.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> ClusterCa.load(tmp)).isInstanceOf(PkiException.class).hasMessageContaining("does not belong");
    }
}
