package io.cell0.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real mutual-TLS handshakes through the JDK with contexts built from the files this module writes:
 * the server from PKCS#12, clients from PEM. The JDK checks certificate dates against the real clock, so
 * this is the one test class that takes "now" from it (once).
 */
class TlsHandshakeTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static final int TIMEOUT_MS = 10_000;
    private static final Instant NOW = Instant.now();

    @TempDir
    static Path tmp;

    private static ClusterCa ca;
    private static SSLContext server;
    private static ExecutorService executor;

    @BeforeAll
    static void serverFromPkcs12Files() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        ca = Fixtures.ca("prod-1", NOW);
        Fixtures.Issued srv = Fixtures.node(ca, Validity.starting(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        KeyStores.writeKeyStore(tmp.resolve("server.p12"), srv.tlsKey().getPrivate(), List.of(srv.cert(), ca.certificate()), PASSWORD);
        KeyStores.writeTrustStore(tmp.resolve("truststore.p12"), ca.certificate(), PASSWORD);
        server = SslContexts.fromPkcs12(tmp.resolve("server.p12"), PASSWORD, tmp.resolve("truststore.p12"), PASSWORD);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @Test
    void aValidClientCertificateCompletesTheHandshakeBothWays() throws Exception {
        Fixtures.Issued client = Fixtures.node(ca, Validity.starting(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        Outcome[] o = exchange(clientFromPem("valid", client.tlsKey(), client.cert(), ca.certificate()));
        assertThat(o[0].error).as("server side").isNull();
        assertThat(o[1].error).as("client side").isNull();
        assertThat(o[0].peer).isEqualTo("CN=" + client.identity().nodeId());
    }

    @Test
    void noClientCertificateIsRefused() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(KeyStores.trustStore(ca.certificate()));
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, tmf.getTrustManagers(), null);
        assertRefused(exchange(anonymous));
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedEvenWhenSentAnyway() throws Exception {
        ClusterCa other = Fixtures.ca("prod-1", NOW);
        Fixtures.Issued stranger = Fixtures.node(other, Validity.starting(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        // The JDK client would not even offer a certificate the server's CA list does not name; force it.
        SSLContext base = clientFromPem("stranger", stranger.tlsKey(), stranger.cert(), ca.certificate());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(KeyStores.keyStore(stranger.tlsKey().getPrivate(), List.of(stranger.cert()), PASSWORD), PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(KeyStores.trustStore(ca.certificate()));
        SSLContext forced = SSLContext.getInstance("TLS");
        forced.init(new KeyManager[] {new AlwaysOffer((X509ExtendedKeyManager) kmf.getKeyManagers()[0])}, tmf.getTrustManagers(), null);
        assertRefused(exchange(base));
        assertRefused(exchange(forced));
    }

    @Test
    void anExpiredClientCertificateIsRefused() throws Exception {
        Validity past = new Validity(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1)));
        Fixtures.Issued expired = Fixtures.node(ca, past);
        assertRefused(exchange(clientFromPem("expired", expired.tlsKey(), expired.cert(), ca.certificate())));
    }

    private static void assertRefused(Outcome[] o) {
        assertThat(o[0].error).as("server side").isInstanceOf(SSLHandshakeException.class);
        assertThat(o[1].error).as("client side").isNotNull();
    }

    /** Writes node.key / node.crt / ca.crt PEM files in a directory of their own and builds a context from them. */
    private static SSLContext clientFromPem(String name, KeyPair key, X509Certificate cert, X509Certificate caCert) throws IOException {
        Path dir = tmp.resolve(name);
        PemFiles.writePrivateKey(dir.resolve("node.key"), key.getPrivate());
        PemFiles.writeCertificate(dir.resolve("node.crt"), cert);
        PemFiles.writeCertificate(dir.resolve("ca.crt"), caCert);
        return SslContexts.fromPem(dir.resolve("node.key"), dir.resolve("node.crt"), dir.resolve("ca.crt"));
    }

    private static final class Outcome {
        Throwable error;
        String peer;
    }

    /**
     * One connection on 127.0.0.1: the server requires a client certificate, the client checks the server's
     * IP SAN; both exchange a byte. Returns {server, client} outcomes.
     */
    private static Outcome[] exchange(SSLContext client) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            ss.setNeedClientAuth(true);
            ss.setSoTimeout(TIMEOUT_MS);
            Future<Outcome> serverSide = executor.submit(() -> {
                Outcome o = new Outcome();
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    s.startHandshake();
                    o.peer = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b + 1);
                    s.getOutputStream().flush();
                } catch (Exception e) {
                    o.error = e;
                }
                return o;
            });
            Outcome clientSide = new Outcome();
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket()) {
                c.connect(new InetSocketAddress(loopback, ss.getLocalPort()), TIMEOUT_MS);
                c.setSoTimeout(TIMEOUT_MS);
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                c.startHandshake();
                c.getOutputStream().write(41);
                c.getOutputStream().flush();
                int answer = c.getInputStream().read();
                if (answer != 42) {
                    throw new IOException("server answered " + answer);
                }
            } catch (Exception e) {
                clientSide.error = e;
            }
            return new Outcome[] {serverSide.get(TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS), clientSide};
        }
    }

    /** A key manager that offers its certificate whatever CAs the server asks for. */
    private static final class AlwaysOffer extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysOffer(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return KeyStores.KEY_ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return KeyStores.KEY_ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {KeyStores.KEY_ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
