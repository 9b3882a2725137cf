package io.cell0.coordinator.bench;

import io.cell0.security.TlsMaterial;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark tools call the cluster as the operator, with the certificate {@code ./cell0 up} wrote
 * and listed under {@code pki} in cluster.json. A cluster.json without it (TLS off) means plain HTTP.
 */
final class BenchTls {
    private BenchTls() {
    }

    /** The operator's TLS material named in {@code clusterJson}, if it names one. */
    static Optional<TlsMaterial> operator(Path clusterJson) throws IOException {
        if (!Files.exists(clusterJson)) {
            return Optional.empty();
        }
        JsonNode pki = JsonMapper.builder().build().readTree(Files.readString(clusterJson)).path("pki");
        if (pki.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(TlsMaterial.load(Path.of(pki.path("ca_cert").stringValue()), Path.of(pki.path("operator_cert").stringValue()),
                Path.of(pki.path("operator_key").stringValue())));
    }

    /** A java.net.http client with the operator certificate (or plain). */
    static HttpClient client(Path clusterJson, Duration connectTimeout) throws IOException {
        return operator(clusterJson).map(m -> m.httpClient(connectTimeout))
                .orElseGet(() -> HttpClient.newBuilder().connectTimeout(connectTimeout)).build();
    }

    /** Makes every {@code HttpsURLConnection} of this JVM present the operator certificate (hostnames stay verified). */
    static void useOperatorForUrlConnections(Path clusterJson) throws IOException {
        operator(clusterJson).ifPresent(m -> HttpsURLConnection.setDefaultSSLSocketFactory(m.sslContext().getSocketFactory()));
    }
}
