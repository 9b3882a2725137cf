package io.cell0.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.cell0.security.TlsFileException.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS plumbing every service uses: loading and cross-checking the three PEM files, and the HTTP
 * client it builds against a real HTTPS server that requires a client certificate. Certificates are
 * dated around the real clock because the JDK checks them against it.
 */
class TlsMaterialTest {
    private static final Instant NOW = Instant.now();
    private static final Validity VALID = Validity.starting(NOW.minus(Duration.ofDays(1)), Duration.ofDays(30));

    @TempDir
    Path tmp;

    private final ClusterCa ca = Fixtures.ca("prod-1", NOW);
    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Writes key, certificate and CA into {@code dir} and returns the three paths (ca, cert, key). */
    private Path[] files(String dir, KeyPair key, X509Certificate cert, X509Certificate caCert) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(dir));
        PemFiles.writePrivateKey(d.resolve("tls.key"), key.getPrivate());
        PemFiles.writeCertificate(d.resolve("tls.crt"), cert);
        PemFiles.writeCertificate(d.resolve("ca.crt"), caCert);
        return new Path[] {d.resolve("ca.crt"), d.resolve("tls.crt"), d.resolve("tls.key")};
    }

    private TlsMaterial load(Path[] f) {
        return TlsMaterial.load(f[0], f[1], f[2]);
    }

    private Path[] operatorFiles(String dir) throws IOException {
        KeyPair key = EcKeys.generateP256();
        X509Certificate cert = ca.issue(LeafRequest.service(Role.OPERATOR, "admin", key.getPublic(), Fixtures.loopback(), VALID));
        return files(dir, key, cert, ca.certificate());
    }

    @Test
    void loadsConsistentFilesAndReadsThePrincipal() throws Exception {
        TlsMaterial m = load(operatorFiles("op"));
        assertThat(m.principal()).contains(new Principal(Role.OPERATOR, "admin"));
        assertThat(m.ca()).isEqualTo(ca.certificate());
        assertThat(m.keyStore().getCertificateChain(KeyStores.KEY_ALIAS)).hasSize(2);
    }

    @Test
    void aMissingFileIsReportedAsThatFile() throws IOException {
        Path[] f = operatorFiles("op");
        Files.delete(f[0]);
        assertThatThrownBy(() -> load(f)).isInstanceOfSatisfying(TlsFileException.class,
                e -> assertThat(e.file()).isEqualTo(File.CA_CERT)).hasMessageContaining("does not exist");
        Path[] g = operatorFiles("op2");
        Files.writeString(g[2], "not a key", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> load(g)).isInstanceOfSatisfying(TlsFileException.class,
                e -> assertThat(e.file()).isEqualTo(File.KEY)).hasMessageContaining("cannot be parsed");
    }

    @Test
    void aLeafFromAnotherCaIsReportedAsTheCertificate() throws IOException {
        ClusterCa other = Fixtures.ca("prod-1", NOW);
        KeyPair key = EcKeys.generateP256();
        X509Certificate foreign = other.issue(LeafRequest.service(Role.OPERATOR, "admin", key.getPublic(), Fixtures.loopback(), VALID));
        Path[] f = files("foreign", key, foreign, ca.certificate());
        assertThatThrownBy(() -> load(f)).isInstanceOfSatisfying(TlsFileException.class,
                e -> assertThat(e.file()).isEqualTo(File.CERT)).hasMessageContaining("not signed by the CA");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsReportedAsTheKey() throws IOException {
        Path[] f = operatorFiles("op");
        PemFiles.writePrivateKey(f[2], EcKeys.generateP256().getPrivate());
        assertThatThrownBy(() -> load(f)).isInstanceOfSatisfying(TlsFileException.class,
                e -> assertThat(e.file()).isEqualTo(File.KEY)).hasMessageContaining("not the private key");
        Files.writeString(f[2], NodeIdentity.generate().privateKeyPem(), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> load(f)).isInstanceOfSatisfying(TlsFileException.class,
                e -> assertThat(e.file()).isEqualTo(File.KEY)).hasMessageContaining("EC P-256");
    }

    @Test
    void theIdentityKeyMustBeTheOneTheNodeCertificateIsBoundTo() throws IOException {
        Fixtures.Issued node = Fixtures.node(ca, VALID);
        TlsMaterial m = load(files("node", node.tlsKey(), node.cert(), ca.certificate()));
        node.identity().save(tmp.resolve("id"));
        assertThat(m.requireBoundIdentity(tmp.resolve("id").resolve(NodeIdentity.KEY_FILE)).nodeId()).isEqualTo(node.identity().nodeId());

        NodeIdentity.generate().save(tmp.resolve("other"));
        assertThatThrownBy(() -> m.requireBoundIdentity(tmp.resolve("other").resolve(NodeIdentity.KEY_FILE)))
                .isInstanceOf(PkiException.class).hasMessageContaining("bound to " + node.identity().nodeId());
        TlsMaterial operator = load(operatorFiles("op"));
        assertThatThrownBy(() -> operator.requireBoundIdentity(tmp.resolve("id").resolve(NodeIdentity.KEY_FILE)))
                .isInstanceOf(PkiException.class).hasMessageContaining("no identity binding");
    }

    @Test
    void theRoleCheckingTrustManagerAcceptsOnlyTheGivenRoles() throws Exception {
        Fixtures.Issued node = Fixtures.node(ca, VALID);
        TlsMaterial m = load(files("node", node.tlsKey(), node.cert(), ca.certificate()));
        X509TrustManager nodesOnly = (X509TrustManager) m.roleCheckingTrustManager(EnumSet.of(Role.NODE), java.time.Clock.systemUTC());
        nodesOnly.checkClientTrusted(new X509Certificate[] {node.cert()}, "EC");
        X509Certificate operator = load(operatorFiles("op")).certificate();
        assertThatThrownBy(() -> nodesOnly.checkClientTrusted(new X509Certificate[] {operator}, "EC"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("WRONG_ROLE");
    }

    /** An HTTPS server on 127.0.0.1 that requires a client certificate and answers with the caller's CN. */
    private URI startServer(List<String> ips) throws Exception {
        KeyPair key = EcKeys.generateP256();
        X509Certificate cert = ca.issue(LeafRequest.node(NodeIdentity.generate(), key.getPublic(),
                SubjectAltNames.of(List.of(), ips), VALID));
        SSLContext ctx = load(files("server", key, cert, ca.certificate())).sslContext();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                var p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            var session = ((com.sun.net.httpserver.HttpsExchange) exchange).getSSLSession();
            byte[] body = session.getPeerPrincipal().getName().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHttpClientPresentsItsCertificateAndTheServerSeesIt() throws Exception {
        URI uri = startServer(List.of("127.0.0.1"));
        HttpResponse<String> r = get(load(operatorFiles("op")).httpClient(Duration.ofSeconds(5)).build(), uri);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("CN=admin");
    }

    @Test
    void theHttpClientRefusesAServerWhoseCertificateDoesNotNameTheHost() throws Exception {
        URI uri = startServer(List.of("127.0.0.2"));
        HttpClient client = load(operatorFiles("op")).httpClient(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> get(client, uri)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aClientWithoutACertificateIsRefusedByTheServer() throws Exception {
        URI uri = startServer(List.of("127.0.0.1"));
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, load(operatorFiles("op")).trustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(trustOnly).build();
        assertThatThrownBy(() -> get(client, uri)).isInstanceOf(IOException.class);
    }
}
