package io.cell0.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The cluster's certificate authority: one self-signed ECDSA P-256 certificate per cluster, and the
 * only thing every member trusts. ECDSA rather than Ed25519 because Ratis' BoringSSL rejects an Ed25519
 * signature anywhere in the chain.
 *
 * <p>It signs leaves directly (pathLen 0, no intermediates) and only within its own validity. There is
 * no revocation list: leaves are short-lived instead ({@link LeafRequest#MAX_VALIDITY}).
 *
 * <p>Files: {@code ca.crt} (PEM) for everyone, {@code ca.key} (PKCS#8 PEM, unencrypted, mode 600) for
 * whoever issues certificates; keep the latter off the nodes where possible.
 */
public final class ClusterCa {
    public static final String CERT_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);
    /** The CA's subject is {@code CN=<prefix><clusterId>}. */
    public static final String CN_PREFIX = "cell0 cluster CA ";

    private final String clusterId;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final SecureRandom random;

    private ClusterCa(String clusterId, X509Certificate certificate, PrivateKey privateKey, SecureRandom random) {
        this.clusterId = clusterId;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.random = random;
    }

    /** A new CA for {@code clusterId}, valid for {@code validity}. */
    public static ClusterCa create(String clusterId, Validity validity, SecureRandom random) {
        Names.require("cluster id", clusterId);
        KeyPair kp = EcKeys.generateP256(random);
        X509Certificate cert = CertificateBuilder.ca(CertificateBuilder.commonName(CN_PREFIX + clusterId), kp, validity, random);
        return new ClusterCa(clusterId, cert, kp.getPrivate(), random);
    }

    /** A new CA valid for {@link #DEFAULT_VALIDITY} (10 years) from {@code now}. */
    public static ClusterCa create(String clusterId, Instant now) {
        return create(clusterId, Validity.starting(now, DEFAULT_VALIDITY), new SecureRandom());
    }

    public String clusterId() {
        return clusterId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the CA certificate, 64 lowercase hex digits: what join tokens pin. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    public Validity validity() {
        return new Validity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    /**
     * Signs a leaf certificate. Refuses a window that is not inside the CA's own, because such a leaf
     * would fail validation anyway and later than anyone would notice.
     */
    public X509Certificate issue(LeafRequest request) {
        if (!validity().contains(request.validity())) {
            throw new IllegalArgumentException("the leaf validity " + request.validity() + " is not inside the CA validity " + validity());
        }
        return CertificateBuilder.leaf(certificate, privateKey, request, random);
    }

    /**
     * Signs a leaf for the public key in a PKCS#10 CSR (PEM or DER), after checking the CSR's signature.
     * Role, identity, SANs and validity come from the caller, not from the CSR.
     *
     * @param ed25519Identity the node's identity key for {@link Role#NODE}, else null
     */
    public X509Certificate issueFromCsr(byte[] csr, Role role, String identity, SubjectAltNames sans,
                                        Validity validity, PublicKey ed25519Identity) {
        PublicKey key = CertificationRequests.verifiedPublicKey(csr);
        return issue(new LeafRequest(role, identity, key, sans, validity, ed25519Identity));
    }

    /** Writes {@code ca.crt} and {@code ca.key} (mode 600) into {@code dir}. */
    public void save(Path dir) throws IOException {
        PemFiles.writeCertificate(dir.resolve(CERT_FILE), certificate);
        PemFiles.writePrivateKey(dir.resolve(KEY_FILE), privateKey);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(KEY_FILE)) || Files.isRegularFile(dir.resolve(CERT_FILE));
    }

    /** Reads a CA saved by {@link #save}; fails if the key does not belong to the certificate. */
    public static ClusterCa load(Path dir) throws IOException {
        X509Certificate cert = PemFiles.readCertificate(dir.resolve(CERT_FILE));
        PrivateKey key = EcKeys.decodePrivate(Pem.decodeFirst(
                Files.readString(dir.resolve(KEY_FILE), StandardCharsets.US_ASCII), Pem.PRIVATE_KEY));
        if (!keyMatches(key, cert.getPublicKey())) {
            throw new PkiException(dir.resolve(KEY_FILE) + " does not belong to " + dir.resolve(CERT_FILE));
        }
        return new ClusterCa(clusterIdOf(cert), cert, key, new SecureRandom());
    }

    /** Reads just the CA certificate ({@code ca.crt}) from a file, for members that do not issue. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        List<X509Certificate> certs = PemFiles.readCertificates(file);
        return certs.get(0);
    }

    /** The cluster id in a CA certificate's subject. */
    public static String clusterIdOf(X509Certificate caCert) {
        X500Name name = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length != 1) {
            throw new IllegalArgumentException("not a cell0 CA: subject " + name);
        }
        if (!(cns[0].getFirst().getValue() instanceof ASN1String value)) {
            throw new IllegalArgumentException("not a cell0 CA: subject " + name);
        }
        String cn = value.getString();
        if (!cn.startsWith(CN_PREFIX)) {
            throw new IllegalArgumentException("not a cell0 CA: subject " + name);
        }
        return Names.require("cluster id", cn.substring(CN_PREFIX.length()));
    }

    /** True when {@code key} signs what {@code publicKey} verifies: the two halves of one EC key pair. */
    static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
        try {
            byte[] probe = "cell0 key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(EcKeys.SIGNATURE_ALGORITHM);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(publicKey);
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
