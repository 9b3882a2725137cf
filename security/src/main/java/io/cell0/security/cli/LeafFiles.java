package io.cell0.security.cli;

import io.cell0.security.CertificateValidator;
import io.cell0.security.ClusterCa;
import io.cell0.security.CsrBuilder;
import io.cell0.security.EcKeys;
import io.cell0.security.KeyStores;
import io.cell0.security.PemFiles;
import io.cell0.security.Role;
import io.cell0.security.SecureFiles;
import io.cell0.security.SubjectAltNames;
import io.cell0.security.ValidationResult;
import io.cell0.security.Validity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Makes one TLS leaf the way a real node would: a fresh P-256 key and a CSR written next to it, the CA
 * signing the CSR, then every file a consumer needs, in the directory named after the role:
 * {@code <role>.key}, {@code <role>.csr}, {@code <role>.crt}, {@code <role>.p12}, {@code ca.crt},
 * {@code truststore.p12}. The result is validated before returning, so a broken file is never left
 * looking good.
 */
final class LeafFiles {
    /**
     * How far back the tool dates notBefore. Without it a certificate issued a moment ago is "not yet
     * valid" on any peer whose clock is slightly behind (the library itself never adjusts a window).
     */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private LeafFiles() {
    }

    /** A validity window of {@code length} starting {@link #BACKDATE} before {@code now}. */
    static Validity window(Instant now, Duration length) {
        return Validity.starting(now.minus(BACKDATE), length);
    }

    static X509Certificate issue(ClusterCa ca, Path out, Role role, String identity, PublicKey ed25519,
                                 SubjectAltNames sans, Validity validity, char[] storePassword, Instant now) throws IOException {
        String prefix = role.urnName();
        KeyPair tlsKey = EcKeys.generateP256();
        byte[] csr = CsrBuilder.createPem(tlsKey, identity).getBytes(StandardCharsets.US_ASCII);
        SecureFiles.writePublic(out.resolve(prefix + ".csr"), csr);

        X509Certificate leaf = ca.issueFromCsr(Files.readAllBytes(out.resolve(prefix + ".csr")), role, identity, sans, validity, ed25519);
        ValidationResult check = new CertificateValidator(ca.certificate()).validate(leaf, role, now);
        if (!check.isOk()) {
            throw new IllegalStateException("the new certificate does not validate: " + check.reason() + " " + check.detail());
        }
        PemFiles.writePrivateKey(out.resolve(prefix + ".key"), tlsKey.getPrivate());
        PemFiles.writeCertificate(out.resolve(prefix + ".crt"), leaf);
        PemFiles.writeCertificate(out.resolve(ClusterCa.CERT_FILE), ca.certificate());
        KeyStores.writeKeyStore(out.resolve(prefix + ".p12"), tlsKey.getPrivate(), List.of(leaf, ca.certificate()), storePassword);
        KeyStores.writeTrustStore(out.resolve("truststore.p12"), ca.certificate(), storePassword);
        return leaf;
    }
}
