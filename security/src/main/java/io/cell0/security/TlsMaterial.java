package io.cell0.security;

import io.cell0.security.TlsFileException.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One party's mutual-TLS material, loaded from the three PEM files every service is configured with:
 * the cluster CA certificate, its own leaf certificate and the leaf's PKCS#8 EC key. Everything a
 * service needs for TLS is derived from here, so the JDK server (Spring), the JDK HTTP client and
 * Ratis' gRPC all use the same key, chain and single trust anchor.
 *
 * <p>{@link #load} refuses inconsistent files at start-up rather than at the first handshake: a leaf
 * not signed by the CA, or a key that is not the leaf's, fail with a {@link TlsFileException} naming
 * the file.
 */
public final class TlsMaterial {
    /** Password of the in-memory key store; never written anywhere. */
    private static final char[] IN_MEMORY = "cell0-in-memory".toCharArray();

    private final X509Certificate ca;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsMaterial(X509Certificate ca, List<X509Certificate> chain, PrivateKey key) {
        this.ca = ca;
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** Loads and cross-checks the files; see the class comment. */
    public static TlsMaterial load(Path caCert, Path cert, Path key) {
        X509Certificate ca = read(File.CA_CERT, caCert, () -> PemFiles.readCertificate(caCert));
        if (ca.getBasicConstraints() < 0) {
            throw new TlsFileException(File.CA_CERT, caCert + " is not a CA certificate");
        }
        List<X509Certificate> certs = read(File.CERT, cert, () -> PemFiles.readCertificates(cert));
        X509Certificate leaf = certs.get(0);
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(File.CERT, cert + " (" + leaf.getSubjectX500Principal().getName()
                    + ") is not signed by the CA in " + caCert, e);
        }
        PrivateKey privateKey = read(File.KEY, key, () -> PemFiles.readPrivateKey(key));
        if (!EcKeys.isP256(privateKey)) {
            throw new TlsFileException(File.KEY, key + " is not an EC P-256 key (TLS keys must be ECDSA P-256)");
        }
        if (!ClusterCa.keyMatches(privateKey, leaf.getPublicKey())) {
            throw new TlsFileException(File.KEY, key + " is not the private key of the certificate in " + cert);
        }
        return new TlsMaterial(ca, certs, privateKey);
    }

    /** For material already in memory (tests, tools). */
    public static TlsMaterial of(X509Certificate ca, List<X509Certificate> chain, PrivateKey key) {
        return new TlsMaterial(ca, chain, key);
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> T read(File which, Path path, Reader<T> reader) {
        if (!Files.isRegularFile(path)) {
            throw new TlsFileException(which, path + " does not exist or is not a file");
        }
        if (!Files.isReadable(path)) {
            throw new TlsFileException(which, path + " cannot be read");
        }
        try {
            return reader.read();
        } catch (IOException | RuntimeException e) {
            throw new TlsFileException(which, path + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return key;
    }

    /** Who this material authenticates as, read from the leaf's {@code urn:cell0:} URI SAN. */
    public Optional<Principal> principal() {
        return CertificateInfo.parse(certificate()).principal();
    }

    /** An in-memory key store with the key and the chain leaf then CA, so the peer gets the whole path. */
    public KeyStore keyStore() {
        return KeyStores.keyStore(key, List.of(certificate(), ca), IN_MEMORY);
    }

    /** Password of {@link #keyStore()} (it exists only in memory). */
    public static String keyStorePassword() {
        return new String(IN_MEMORY);
    }

    /** A trust store holding the cluster CA and nothing else. */
    public KeyStore trustStore() {
        return KeyStores.trustStore(ca);
    }

    public KeyManager[] keyManagers() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(), IN_MEMORY);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build key managers", e);
        }
    }

    /** The JDK's PKIX trust managers with the cluster CA as the only anchor. */
    public TrustManager[] trustManagers() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build trust managers", e);
        }
    }

    /** A TLS context presenting this leaf and trusting only the cluster CA; good for both ends. */
    public SSLContext sslContext() {
        return SslContexts.of(keyStore(), IN_MEMORY, trustStore());
    }

    /**
     * Trust managers that, on top of the PKIX check against the cluster CA, accept only peers whose
     * certificate passes {@link CertificateValidator} with one of {@code roles} (for nodes this includes
     * the Ed25519 binding), checked at {@code clock}'s instant. Used where there is no later
     * authorisation step, such as the Raft port.
     */
    public TrustManager roleCheckingTrustManager(Set<Role> roles, Clock clock) {
        return new RoleCheckingTrustManager(pkixTrustManager(), new CertificateValidator(ca), roles, clock);
    }

    private X509ExtendedTrustManager pkixTrustManager() {
        for (TrustManager tm : trustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new PkiException("the JDK offers no X509ExtendedTrustManager");
    }

    /**
     * Checks that {@code identityKey} (an Ed25519 PKCS#8 file) is the identity the leaf certificate is
     * bound to, and returns it. A node certificate issued for another identity, or no binding at all,
     * is refused.
     */
    public NodeIdentity requireBoundIdentity(Path identityKey) {
        NodeIdentity identity;
        try {
            identity = NodeIdentity.fromPrivateKey(PemFiles.readPrivateKey(identityKey));
        } catch (IOException | RuntimeException e) {
            throw new PkiException(identityKey + " cannot be read as an Ed25519 identity key: " + e.getMessage(), e);
        }
        Optional<String> bound = CertificateInfo.parse(certificate()).ed25519NodeId();
        if (bound.isEmpty()) {
            throw new PkiException("the certificate " + certificate().getSubjectX500Principal().getName()
                    + " carries no identity binding, but an identity key is configured");
        }
        if (!bound.get().equals(identity.nodeId())) {
            throw new PkiException(identityKey + " is identity " + identity.nodeId() + " but the certificate is bound to " + bound.get());
        }
        return identity;
    }

    /**
     * Client parameters that check the server's name: the host of the URL must be one of the server
     * certificate's DNS or IP SANs ("HTTPS" endpoint identification, RFC 2818).
     */
    public static SSLParameters verifyingHostname(SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /**
     * An HTTP client builder that sends this leaf as its client certificate, trusts only the cluster CA
     * and verifies the server's host name; callers add their own executor, timeouts and so on.
     */
    public HttpClient.Builder httpClient(Duration connectTimeout) {
        SSLContext ctx = sslContext();
        return HttpClient.newBuilder().sslContext(ctx).sslParameters(verifyingHostname(ctx)).connectTimeout(connectTimeout);
    }
}
