package io.cell0.coordinator;

import io.cell0.security.ClusterCa;
import io.cell0.security.EcKeys;
import io.cell0.security.LeafRequest;
import io.cell0.security.NodeIdentity;
import io.cell0.security.PemFiles;
import io.cell0.security.Role;
import io.cell0.security.SubjectAltNames;
import io.cell0.security.TlsMaterial;
import io.cell0.security.Validity;
import io.cell0.security.cli.PkiTool;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.Date;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cluster PKI for tests, made the way {@code ./cell0 up} makes it: the {@code cell0-pki} tool's
 * {@code init} and {@code node} commands, run in-process. Plus what the tool refuses to make on purpose,
 * for negative tests: an expired certificate and one from another CA.
 */
public final class TestPki {
    public final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** CA and operator certificate ({@code urn:cell0:operator:admin}) in {@code dir}. */
    public static TestPki create(Path dir, String clusterId) {
        tool("init", "--dir", dir.toString(), "--cluster-id", clusterId, "--store-password", "cell0-test");
        return new TestPki(dir);
    }

    private static void tool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PkiTool.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            throw new IllegalStateException("cell0-pki " + String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
    }

    /** A node certificate (new identity) for {@code ip} and localhost, in {@code dir/<name>/node.*}. */
    public Path node(String name, String ip) {
        return nodeIn(dir.resolve(name), ip);
    }

    /** A node certificate for {@code ip} and localhost written into {@code d} (identity, key, certificate, CA). */
    public Path nodeIn(Path d, String ip) {
        tool("node", "--dir", dir.toString(), "--id-dir", d.toString(), "--ip", ip, "--dns", "localhost", "--store-password", "cell0-test");
        return d;
    }

    /** A service or operator certificate {@code urn:cell0:<role>:<name>} for 127.0.0.1 in {@code dir/<name>/<role>.*}. */
    public Path service(Role role, String name) {
        return service(role, name, dir.resolve(name), "127.0.0.1");
    }

    /** A service or operator certificate {@code urn:cell0:<role>:<name>} for {@code ip} and localhost, in {@code d}. */
    public Path service(Role role, String name, Path d, String ip) {
        tool("node", "--dir", dir.toString(), "--id-dir", d.toString(), "--role", role.urnName(), "--name", name,
                "--ip", ip, "--dns", "localhost", "--store-password", "cell0-test");
        return d;
    }

    public Path caCert() {
        return dir.resolve(ClusterCa.CERT_FILE);
    }

    /** The files of the leaf in {@code leafDir} whose names start with {@code role}. */
    public TlsMaterial material(Path leafDir, Role role) {
        return TlsMaterial.load(caCert(), leafDir.resolve(role.urnName() + ".crt"), leafDir.resolve(role.urnName() + ".key"));
    }

    public TlsMaterial operator() {
        return material(dir, Role.OPERATOR);
    }

    /** A certificate of this CA for {@code role} that expired two minutes ago (written into {@code dir/expired-<role>/}). */
    public TlsMaterial expired(Role role) throws IOException {
        ClusterCa ca = ClusterCa.load(dir);
        Instant now = Instant.now();
        return write(ca, role, "expired-", Validity.starting(now.minus(Duration.ofMinutes(4)), Duration.ofMinutes(2)), ca.certificate());
    }

    /**
     * An operator certificate from a brand-new CA with the same cluster name. The material still trusts
     * this cluster's CA, so a refused handshake is the server refusing the client, not the reverse.
     */
    public TlsMaterial foreign(Role role) throws IOException {
        ClusterCa ours = ClusterCa.load(dir);
        ClusterCa other = ClusterCa.create(ours.clusterId(), Instant.now().minus(Duration.ofMinutes(5)));
        return write(other, role, "foreign-", Validity.starting(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(1)),
                ours.certificate());
    }

    /**
     * A certificate our CA signed by hand with every TLS property right but no {@code urn:cell0:} URI SAN:
     * it passes the handshake and must still be refused by the authorisation layer (401).
     */
    public TlsMaterial withoutPrincipal() throws Exception {
        ClusterCa ca = ClusterCa.load(dir);
        PrivateKey caKey = PemFiles.readPrivateKey(dir.resolve(ClusterCa.KEY_FILE));
        KeyPair key = EcKeys.generateP256();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=nobody"),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        return TlsMaterial.of(ca.certificate(), List.of(cert), key.getPrivate());
    }

    private TlsMaterial write(ClusterCa ca, Role role, String prefix, Validity validity, X509Certificate trusted) throws IOException {
        KeyPair key = EcKeys.generateP256();
        SubjectAltNames sans = SubjectAltNames.of(List.of("localhost"), List.of("127.0.0.1"));
        X509Certificate cert = ca.issue(role == Role.NODE
                ? LeafRequest.node(NodeIdentity.generate(), key.getPublic(), sans, validity)
                : LeafRequest.service(role, "admin", key.getPublic(), sans, validity));
        Path d = Files.createDirectories(dir.resolve(prefix + role.urnName()));
        PemFiles.writePrivateKey(d.resolve(role.urnName() + ".key"), key.getPrivate());
        PemFiles.writeCertificate(d.resolve(role.urnName() + ".crt"), cert);
        PemFiles.writeCertificate(d.resolve("ca.crt"), trusted);
        return TlsMaterial.of(trusted, List.of(cert), key.getPrivate());
    }
}
