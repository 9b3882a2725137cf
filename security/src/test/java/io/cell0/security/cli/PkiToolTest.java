package io.cell0.security.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.CertificateInfo;
import io.cell0.security.CertificateValidator;
import io.cell0.security.ClusterCa;
import io.cell0.security.KeyStores;
import io.cell0.security.NodeIdentity;
import io.cell0.security.PemFiles;
import io.cell0.security.Role;
import io.cell0.security.SslContexts;
import io.cell0.security.ValidationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiToolTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PkiTool.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void initThenNodeThenShowProduceFilesThatValidate() throws Exception {
        Path caDir = tmp.resolve("pki");
        Path nodeDir = tmp.resolve("node-1");

        Run init = run("init", "--dir", caDir.toString(), "--cluster-id", "cell0-local");
        assertThat(init.code()).as(init.err()).isZero();
        for (String f : new String[] {"ca.crt", "ca.key", "operator.crt", "operator.key", "operator.p12", "truststore.p12", "store.pass", "README.txt"}) {
            assertThat(caDir.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(caDir.resolve("README.txt"))).contains("ca.key", "urn:cell0:operator:admin");
        ClusterCa ca = ClusterCa.load(caDir);
        assertThat(init.out()).contains(ca.fingerprint());
        // The tool dates certificates 5 minutes back, so they are valid at any instant from here on.
        Instant now = Instant.now();
        CertificateValidator validator = new CertificateValidator(ca.certificate());
        assertThat(validator.validate(PemFiles.readCertificate(caDir.resolve("operator.crt")), Role.OPERATOR, now).reason())
                .isEqualTo(ValidationResult.Reason.OK);

        Run node = run("node", "--dir", caDir.toString(), "--id-dir", nodeDir.toString(), "--role", "node",
                "--dns", "localhost", "--ip", "127.0.0.1,127.0.0.11");
        assertThat(node.code()).as(node.err()).isZero();
        assertThat(CertificateInfo.parse(PemFiles.readCertificate(nodeDir.resolve("node.crt"))).notBefore())
                .as("backdated for peers with a slow clock").isBefore(now.minus(Duration.ofMinutes(2)));
        NodeIdentity id = NodeIdentity.load(nodeDir);
        assertThat(node.out()).contains("node id: " + id.nodeId());
        X509Certificate cert = PemFiles.readCertificate(nodeDir.resolve("node.crt"));
        ValidationResult result = validator.validate(cert, Role.NODE, now);
        assertThat(result.reason()).isEqualTo(ValidationResult.Reason.OK);
        CertificateInfo info = result.info().orElseThrow();
        assertThat(info.identity()).contains(id.nodeId());
        assertThat(info.dnsNames()).containsExactly("localhost");
        assertThat(info.ipAddresses()).containsExactly("127.0.0.1", "127.0.0.11");
        assertThat(PemFiles.readCertificate(nodeDir.resolve("ca.crt"))).isEqualTo(ca.certificate());
        SslContexts.fromPem(nodeDir.resolve("node.key"), nodeDir.resolve("node.crt"), nodeDir.resolve("ca.crt"));
        char[] password = Files.readString(nodeDir.resolve("store.pass")).strip().toCharArray();
        KeyStore ks = KeyStores.read(nodeDir.resolve("node.p12"), password);
        assertThat(ks.getCertificate(KeyStores.KEY_ALIAS)).isEqualTo(cert);
        SslContexts.fromPkcs12(nodeDir.resolve("node.p12"), password, nodeDir.resolve("truststore.p12"), password);

        Run show = run("show", nodeDir.resolve("node.crt").toString(), "--ca", caDir.resolve("ca.crt").toString());
        assertThat(show.code()).as(show.out() + show.err()).isZero();
        assertThat(show.out()).contains("role:        node", "identity:    " + id.nodeId(), "(matches identity)",
                "127.0.0.11", info.fingerprint(), "validation:  OK");
    }

    @Test
    void renewingANodeKeepsItsIdentity() throws Exception {
        Path caDir = tmp.resolve("pki");
        Path nodeDir = tmp.resolve("node-1");
        assertThat(run("init", "--dir", caDir.toString(), "--cluster-id", "c1").code()).isZero();
        assertThat(run("node", "--dir", caDir.toString(), "--id-dir", nodeDir.toString(), "--ip", "127.0.0.1").code()).isZero();
        String firstId = NodeIdentity.load(nodeDir).nodeId();
        X509Certificate first = PemFiles.readCertificate(nodeDir.resolve("node.crt"));
        assertThat(run("node", "--dir", caDir.toString(), "--id-dir", nodeDir.toString(), "--ip", "127.0.0.1").code()).isZero();
        X509Certificate second = PemFiles.readCertificate(nodeDir.resolve("node.crt"));
        assertThat(NodeIdentity.load(nodeDir).nodeId()).isEqualTo(firstId);
        assertThat(second.getPublicKey()).as("a fresh TLS key").isNotEqualTo(first.getPublicKey());
        assertThat(CertificateInfo.parse(second).identity()).contains(firstId);
    }

    @Test
    void serviceCertificatesUseTheirRoleAndName() throws Exception {
        Path caDir = tmp.resolve("pki");
        Path dir = tmp.resolve("scheduler");
        assertThat(run("init", "--dir", caDir.toString(), "--cluster-id", "c1").code()).isZero();
        Run r = run("node", "--dir", caDir.toString(), "--id-dir", dir.toString(), "--role", "scheduler", "--name", "scheduler-1",
                "--dns", "localhost", "--store-password", "pw");
        assertThat(r.code()).as(r.err()).isZero();
        X509Certificate cert = PemFiles.readCertificate(dir.resolve("scheduler.crt"));
        assertThat(CertificateInfo.parse(cert).principal().orElseThrow().toUri()).isEqualTo("urn:cell0:scheduler:scheduler-1");
        assertThat(dir.resolve(NodeIdentity.KEY_FILE)).doesNotExist();
        assertThat(dir.resolve("store.pass")).as("explicit password is not written down").doesNotExist();
        KeyStores.read(dir.resolve("scheduler.p12"), "pw".toCharArray());
    }

    @Test
    void initRefusesToReplaceAnExistingCaWithoutForce() throws Exception {
        Path caDir = tmp.resolve("pki");
        assertThat(run("init", "--dir", caDir.toString(), "--cluster-id", "c1").code()).isZero();
        String before = Files.readString(caDir.resolve("ca.crt"));
        Run again = run("init", "--dir", caDir.toString(), "--cluster-id", "c1");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a CA");
        assertThat(Files.readString(caDir.resolve("ca.crt"))).isEqualTo(before);
        assertThat(run("init", "--dir", caDir.toString(), "--cluster-id", "c1", "--force").code()).isZero();
        assertThat(Files.readString(caDir.resolve("ca.crt"))).isNotEqualTo(before);
    }

    @Test
    void showReportsACertificateFromAnotherCaAndBadInputFails() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(run("init", "--dir", a.toString(), "--cluster-id", "c1").code()).isZero();
        assertThat(run("init", "--dir", b.toString(), "--cluster-id", "c1").code()).isZero();
        Run show = run("show", a.resolve("operator.crt").toString(), "--ca", b.resolve("ca.crt").toString());
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.out()).contains("validation:  OTHER_CA");
        assertThat(run("init", "--dir", tmp.resolve("c").toString(), "--cluster-id", "Bad Id").code()).isEqualTo(1);
        assertThat(run("node", "--dir", a.toString(), "--id-dir", tmp.resolve("x").toString(), "--days", "400").code()).isEqualTo(1);
        assertThat(run().code()).isEqualTo(2);
    }
}
