package io.cell0.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.security.TlsMaterial;
import io.cell0.security.cli.PkiTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler with TLS on (its default): its own listener serves HTTPS only and requires a client
 * certificate of the cluster CA. The PKI is made with the cell0-pki tool, as ./cell0 up makes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cell0.coordinator.urls=https://127.0.0.1:1", "cell0.coordinator.retry-ms=5000"})
class SchedulerTlsTest {
    static Path pki;

    @LocalServerPort
    int port;

    static void tool(String... args) {
        StringWriter err = new StringWriter();
        assertThat(PkiTool.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err))).as("%s", err).isZero();
    }

    @DynamicPropertySource
    static void certificates(DynamicPropertyRegistry registry) throws IOException {
        pki = Files.createTempDirectory("cell0-sched-tls-");
        tool("init", "--dir", pki.toString(), "--cluster-id", "sched-tls", "--store-password", "test");
        tool("node", "--dir", pki.toString(), "--id-dir", pki.resolve("scheduler").toString(), "--role", "scheduler",
                "--name", "scheduler", "--ip", "127.0.0.1", "--store-password", "test");
        registry.add("security.tls.ca-cert", () -> pki.resolve("ca.crt").toString());
        registry.add("security.tls.cert", () -> pki.resolve("scheduler/scheduler.crt").toString());
        registry.add("security.tls.key", () -> pki.resolve("scheduler/scheduler.key").toString());
    }

    HttpResponse<String> status(HttpClient http) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/scheduler/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientWithTheOperatorCertificateIsServed() throws Exception {
        TlsMaterial operator = TlsMaterial.load(pki.resolve("ca.crt"), pki.resolve("operator.crt"), pki.resolve("operator.key"));
        assertThat(status(operator.httpClient(Duration.ofSeconds(5)).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        trustOnly.init(null, TlsMaterial.load(pki.resolve("ca.crt"), pki.resolve("operator.crt"), pki.resolve("operator.key"))
                .trustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(trustOnly).build();
        assertThatThrownBy(() -> status(http)).isInstanceOf(IOException.class);
    }
}
