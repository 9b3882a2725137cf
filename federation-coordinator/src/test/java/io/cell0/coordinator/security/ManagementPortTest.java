package io.cell0.coordinator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deployment's probe set-up: with {@code management.server.port} set and its TLS off, health answers
 * plain HTTP on that port without a certificate, while every other Actuator endpoint there stays
 * operator-only (401, since plain HTTP carries no certificate).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.server.ssl.enabled=false"})
class ManagementPortTest {
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry registry) throws IOException {
        TlsNode.register(registry);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsPlainHttpOnTheManagementPortAndNothingElseIs() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/actuator/metrics");
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
