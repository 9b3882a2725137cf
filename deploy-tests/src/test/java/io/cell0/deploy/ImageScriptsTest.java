package io.cell0.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dockerfile and the scripts it puts into the images, run here as the images run them. */
class ImageScriptsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {200, 503})
    void healthCheckIsHealthyOnlyWhenReadinessAnswers200(int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}").getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Scripts.Result result = Scripts.run(List.of("bash", Repo.file("deploy/docker/healthcheck.sh").toString()),
                    Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(server.getAddress().getPort())));
            assertThat(result.exitCode()).as(result.output()).isEqualTo(status == 200 ? 0 : 1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void healthCheckFailsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(Scripts.run(List.of("bash", Repo.file("deploy/docker/healthcheck.sh").toString()),
                Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(port))).exitCode()).isEqualTo(1);
    }

    /** The entrypoint turns the init container's zone file into NODE_ZONE and passes arguments on. */
    @Test
    void entrypointExportsTheZoneFileAndStartsTheJar() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"zone=$NODE_ZONE args=$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path zone = Files.writeString(tmp.resolve("zone"), "eu-west-1c\n");
        Scripts.Result result = Scripts.run(List.of("sh", Repo.file("deploy/docker/entrypoint.sh").toString(), "--config", "/etc/x.yaml"),
                Map.of("PATH", bin + ":/usr/bin:/bin", "CELL0_ZONE_FILE", zone.toString(), "JAVA_OPTS", "-Xmx1m"));
        assertThat(result.output().trim()).isEqualTo("zone=eu-west-1c args=-Xmx1m -jar /opt/cell0/app/app.jar --config /etc/x.yaml");
        Scripts.Result noZone = Scripts.run(List.of("sh", Repo.file("deploy/docker/entrypoint.sh").toString()),
                Map.of("PATH", bin + ":/usr/bin:/bin", "NODE_ZONE", "given"));
        assertThat(noZone.output().trim()).isEqualTo("zone=given args=-jar /opt/cell0/app/app.jar");
    }

    @Test
    void imagesAreLayeredNonRootAndHealthChecked() {
        String dockerfile = Repo.read("deploy/docker/Dockerfile");
        assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --destination extracted");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("COPY --from=layers /layers/extracted/" + layer + "/ ./");
        }
        // Each final stage (pki, service) switches to the unprivileged user before its entrypoint.
        for (String stage : List.of("FROM base AS pki", "FROM base AS service")) {
            String body = dockerfile.substring(dockerfile.indexOf(stage));
            int next = body.indexOf("\nFROM ", 1);
            body = next < 0 ? body : body.substring(0, next);
            assertThat(body).as(stage).contains("USER 10001:10001").contains("ENTRYPOINT");
            assertThat(body.indexOf("USER 10001:10001")).isLessThan(body.indexOf("ENTRYPOINT"));
        }
        assertThat(dockerfile).contains("useradd --system --uid 10001");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("CMD [\"cell0-healthcheck\"]")
                .contains("MANAGEMENT_SERVER_PORT=8081").contains("MANAGEMENT_SERVER_SSL_ENABLED=false");
        // The scripts the Dockerfile copies are executable in the repository (COPY keeps the mode).
        for (String script : List.of("entrypoint.sh", "healthcheck.sh", "pki-init.sh")) {
            assertThat(dockerfile).contains("COPY deploy/docker/" + script + " ");
            assertThat(Files.isExecutable(Repo.file("deploy/docker/" + script))).as(script).isTrue();
        }
    }
}
