package io.cell0.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.jayway.jsonpath.JsonPath;
import io.cell0.security.SslContexts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The compose cluster for real: `docker compose` builds the images from the jars and starts the PKI
 * one-shot, three coordinators, the scheduler and the migration service with mutual TLS; then a
 * smoke test through the API with the operator's client certificate. Needs a Docker engine (with
 * Compose v2) and the jars of `./mvnw package`; skipped where there is no engine.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeClusterIT {
    private static final List<String> COORDINATORS = List.of("coordinator-1", "coordinator-2", "coordinator-3");
    private static final int API = 8080;

    private static ComposeContainer cluster;
    private static HttpClient http;

    @BeforeAll
    static void startCluster() throws Exception {
        for (String jar : List.of("federation-coordinator/target/federation-coordinator-0.1.0-SNAPSHOT.jar",
                "scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT.jar",
                "migration-service/target/migration-service-0.1.0-SNAPSHOT.jar", "security/target/cell0-security.jar")) {
            assumeTrue(Files.isRegularFile(Repo.file(jar)), jar + " is missing: run ./mvnw -DskipTests package first");
        }
        // The coordinators' certificates name their service and localhost; Testcontainers may hand
        // out another host name for the mapped ports. Trust is still checked against the cluster CA.
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        cluster = new ComposeContainer("cell0it", Repo.file("docker-compose.yml").toFile())
                .withBuild(true)
                .withRemoveVolumes(true)
                .withStartupTimeout(Duration.ofMinutes(10));
        for (String c : COORDINATORS) {
            cluster.withExposedService(c, API, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        }
        cluster.waitingFor("scheduler", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        cluster.waitingFor("migration", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        cluster.start();
        http = HttpClient.newBuilder().sslContext(operatorTls()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
        }
    }

    @Test
    @Order(1)
    void everyCoordinatorAnswersItsStatusAndTheyAgreeOnALeader() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> leaders = new HashSet<>();
            for (String c : COORDINATORS) {
                HttpResponse<String> status = send(c, HttpRequest.newBuilder(uri(c, "/federation/status")).GET());
                assertThat(status.statusCode()).as(c).isEqualTo(200);
                assertThat((String) JsonPath.read(status.body(), "$.cluster_id")).isEqualTo("cell0-compose");
                assertThat((List<?>) JsonPath.read(status.body(), "$.voters")).hasSize(3);
                leaders.add(JsonPath.read(status.body(), "$.leader"));
            }
            assertThat(leaders).hasSize(1).doesNotContainNull();
        });
    }

    @Test
    @Order(2)
    void theDemoAgentIsPlacedAndRuns() {
        String body = """
                {"agent_type": "demo", "config": {"command": ["/bin/sh", "/opt/cell0/demo/counter-agent.sh"], "restart": "always"},
                 "placement": {"replicas": 1}, "resources": {"cpu_millis": 100, "memory_mb": 32}}""";
        HttpResponse<String> created = send("coordinator-1", HttpRequest.newBuilder(uri("coordinator-1", "/federation/agents"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "compose-smoke-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String id = JsonPath.read(created.body(), "$.agent_id");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> agent = send("coordinator-2", HttpRequest.newBuilder(uri("coordinator-2", "/federation/agents/" + id)).GET());
            assertThat(agent.statusCode()).isEqualTo(200);
            assertThat((String) JsonPath.read(agent.body(), "$.state")).as(agent.body()).isEqualTo("running");
        });
    }

    @Test
    @Order(3)
    void theClusterKeepsTakingWritesWithTheLeaderStopped() {
        String leader = JsonPath.read(send("coordinator-1", HttpRequest.newBuilder(uri("coordinator-1", "/federation/status")).GET()).body(),
                "$.leader");
        String stopped = "coordinator-" + leader.substring("node-".length());
        DockerClient docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(container(stopped).getContainerId()).withTimeout(20).exec();
        List<String> survivors = COORDINATORS.stream().filter(c -> !c.equals(stopped)).toList();

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> put = send(survivors.get(0), HttpRequest.newBuilder(uri(survivors.get(0), "/federation/config/smoke"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"after-failover\"}")));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        });
        HttpResponse<String> read = send(survivors.get(1), HttpRequest.newBuilder(uri(survivors.get(1), "/federation/config/smoke")).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(read.body(), "$.value")).isEqualTo("after-failover");
        String newLeader = JsonPath.read(send(survivors.get(1), HttpRequest.newBuilder(uri(survivors.get(1), "/federation/status")).GET()).body(),
                "$.leader");
        assertThat(newLeader).isNotEqualTo(leader);
    }

    private static URI uri(String service, String path) {
        return URI.create("https://" + cluster.getServiceHost(service, API) + ":" + cluster.getServicePort(service, API) + path);
    }

    private static HttpResponse<String> send(String service, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(service + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ContainerState container(String service) {
        return cluster.getContainerByServiceName(service).orElseThrow(() -> new AssertionError("no container for " + service));
    }

    /** The operator's certificate and the CA, read out of the (exited) PKI one-shot's volume. */
    private static SSLContext operatorTls() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String project = container("coordinator-1").getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
        List<Container> pki = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", "pki")).exec();
        assertThat(pki).as("the pki one-shot of project %s", project).hasSize(1);
        String id = pki.get(0).getId();
        char[] password = new String(copy(docker, id, "/pki/ca/store.pass"), StandardCharsets.UTF_8).trim().toCharArray();
        KeyStore operator = KeyStore.getInstance("PKCS12");
        operator.load(new ByteArrayInputStream(copy(docker, id, "/pki/ca/operator.p12")), password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(new ByteArrayInputStream(copy(docker, id, "/pki/ca/truststore.p12")), password);
        return SslContexts.of(operator, password, trust);
    }

    /** One file out of a container (running or not), through the Docker API's tar stream. */
    private static byte[] copy(DockerClient docker, String containerId, String path) throws IOException {
        try (InputStream raw = docker.copyArchiveFromContainerCmd(containerId, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            if (tar.getNextEntry() == null) {
                throw new IOException(path + " not found in container " + containerId);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            tar.transferTo(out);
            return out.toByteArray();
        }
    }
}
