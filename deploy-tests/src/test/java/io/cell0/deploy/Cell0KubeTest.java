package io.cell0.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker/Cell0Kube.java (the images' Kubernetes helper), compiled here as the Dockerfile
 * compiles it and run against a fake API server on loopback.
 */
class Cell0KubeTest {
    @TempDir
    static Path classes;

    private static Method run;

    @TempDir
    Path tmp;

    private HttpServer api;
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    @BeforeAll
    static void compile() throws Exception {
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                Repo.file("deploy/docker/Cell0Kube.java").toString());
        assertThat(rc).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        run = loader.loadClass("Cell0Kube").getMethod("run", String[].class);
    }

    @BeforeEach
    void startApi() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/api/v1/nodes/zoned", 200, """
                {"kind":"Node","metadata":{"name":"zoned","annotations":{"topology.kubernetes.io/zone":"not-this"},
                 "labels":{"kubernetes.io/hostname":"zoned","topology.kubernetes.io\\/zone":"eu-west-1b"}},"spec":{}}""");
        answer("/api/v1/nodes/plain", 200, "{\"kind\":\"Node\",\"metadata\":{\"name\":\"plain\",\"labels\":{\"a\":\"b\"}}}");
        answer("/api/v1/nodes/forbidden", 403, "{\"kind\":\"Status\",\"reason\":\"Forbidden\"}");
        answer("/api/v1/namespaces/prod/secrets/present", 200, "{\"kind\":\"Secret\"}");
        answer("/api/v1/namespaces/prod/secrets/absent", 404, "{\"kind\":\"Status\"}");
        answer("/api/v1/namespaces/prod/secrets/broken", 500, "{}");
        answer("/api/v1/namespaces/prod/secrets", 201, "{\"kind\":\"Secret\"}");
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    @Test
    void zoneIsTheNodesLabel() throws Exception {
        Path out = tmp.resolve("zone");
        assertThat(kube("zone", "--node", "zoned", "--out", out.toString())).isZero();
        assertThat(Files.readString(out)).isEqualTo("eu-west-1b\n");
        assertThat(requests.get("/api/v1/nodes/zoned")).isEqualTo("GET Bearer sa-token");
    }

    @Test
    void aMissingLabelOrAnApiErrorFallsBackToTheDefaultOrFails() throws Exception {
        Path out = tmp.resolve("zone");
        assertThat(kube("zone", "--node", "plain", "--out", out.toString(), "--default", "zone-x")).isZero();
        assertThat(Files.readString(out)).isEqualTo("zone-x\n");
        assertThat(kube("zone", "--node", "forbidden", "--out", out.toString(), "--default", "zone-y")).isZero();
        assertThat(Files.readString(out)).isEqualTo("zone-y\n");
        assertThat(kube("zone", "--node", "plain", "--out", tmp.resolve("none").toString())).isEqualTo(1);
        assertThat(tmp.resolve("none")).doesNotExist();
        assertThat(kube("zone", "--out", out.toString())).isEqualTo(2);
    }

    @Test
    void secretExistsAnswersByExitCode() throws Exception {
        assertThat(kube("secret-exists", "--name", "present", "--namespace", "prod")).isZero();
        assertThat(kube("secret-exists", "--name", "absent", "--namespace", "prod")).isEqualTo(3);
        assertThat(kube("secret-exists", "--name", "broken", "--namespace", "prod")).isEqualTo(1);
    }

    @Test
    void createSecretHoldsEveryFileButRequests() throws Exception {
        Path from = Files.createDirectories(tmp.resolve("coordinators/cell0-coordinator-0"));
        Files.writeString(from.resolve("node.crt"), "CERT");
        Files.writeString(from.resolve("node.key"), "KEY");
        Files.writeString(from.resolve("node.csr"), "CSR");
        assertThat(kube("create-secret", "--name", "cell0-coordinators-tls", "--namespace", "prod",
                "--from-dir", tmp.resolve("coordinators").toString(), "--label", "app.kubernetes.io/instance=cell0")).isZero();
        String request = requests.get("/api/v1/namespaces/prod/secrets");
        assertThat(request).startsWith("POST Bearer sa-token ");
        Map<String, Object> secret = Yamls.map(Yamls.parse(request.substring("POST Bearer sa-token ".length())));
        assertThat(Yamls.str(secret, "metadata.name")).isEqualTo("cell0-coordinators-tls");
        assertThat(Yamls.mapAt(secret, "metadata.labels")).containsEntry("app.kubernetes.io/instance", "cell0");
        Map<String, Object> data = Yamls.mapAt(secret, "data");
        assertThat(data.keySet()).containsExactlyInAnyOrder("cell0-coordinator-0.node.crt", "cell0-coordinator-0.node.key");
        assertThat(new String(Base64.getDecoder().decode(data.get("cell0-coordinator-0.node.key").toString()), StandardCharsets.UTF_8))
                .isEqualTo("KEY");
    }

    private int kube(String... args) throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "sa-token\n");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--api", "http://127.0.0.1:" + api.getAddress().getPort(), "--token-file", token.toString()));
        return (Integer) run.invoke(null, (Object) all.toArray(String[]::new));
    }

    private void answer(String path, int status, String body) {
        api.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            requests.put(path, (exchange.getRequestMethod() + " " + auth + " " + sent).trim());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
