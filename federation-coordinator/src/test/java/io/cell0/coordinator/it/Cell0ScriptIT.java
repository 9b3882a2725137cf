package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The README's run command, {@code ./cell0 up}, and the rest of the operator's commands, run as an
 * operator would. The cluster lives in a temporary CELL0_HOME on random loopback addresses and
 * ports, so it does not disturb a cluster someone started by hand.
 */
class Cell0ScriptIT {
    static final Path SCRIPT = Path.of("..", "cell0").toAbsolutePath().normalize();
    Path home;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createTempDirectory("cell0-script-");
        String net = "127.0." + (16 + ThreadLocalRandom.current().nextInt(200));
        int[] ports = LocalCluster.freePorts(net + ".11", 2);
        int schedulerPort = LocalCluster.freePorts(net + ".10", 1)[0];
        env = Map.of("CELL0_HOME", home.toString(), "CELL0_NET", net, "CELL0_REST_PORT", Integer.toString(ports[0]),
                "CELL0_RAFT_PORT", Integer.toString(ports[1]), "CELL0_CLUSTER_ID", "script-it",
                "CELL0_SCHEDULER_PORT", Integer.toString(schedulerPort));
    }

    @AfterEach
    void tearDown() throws Exception {
        run("down");
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    record Result(int exit, String output) {
    }

    Result run(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(args)).toList())
                .directory(SCRIPT.getParent().toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void upWritesClusterJsonAndKillStartStatusDownWork() throws Exception {
        Result up = run("up");
        assertThat(up.exit()).as(up.output()).isZero();
        JsonNode cluster = ClusterClient.JSON.readTree(Files.readString(home.resolve("cluster.json")));
        assertThat(cluster.path("cluster_id").stringValue()).isEqualTo("script-it");
        List<JsonNode> nodes = List.copyOf(cluster.path("nodes").values());
        assertThat(nodes).hasSize(3);
        for (JsonNode n : nodes) {
            for (String field : List.of("id", "address", "rest_url", "ratis_address", "pid", "data_dir")) {
                assertThat(n.has(field)).as(field).isTrue();
            }
            assertThat(ProcessHandle.of(n.path("pid").asLong()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(n.path("rest_url").stringValue()).startsWith("https://");
        }
        // The PKI that up made: the operator's files work against a node, verifying its certificate.
        JsonNode pki = cluster.path("pki");
        for (String field : List.of("dir", "ca_cert", "operator_cert", "operator_key", "operator_p12", "store_password_file")) {
            assertThat(Path.of(pki.path(field).stringValue())).as(field).exists();
        }
        assertThat(pki.path("ca_fingerprint").stringValue()).isEqualTo(
                io.cell0.security.Fingerprints.sha256(io.cell0.security.PemFiles.readCertificate(Path.of(pki.path("ca_cert").stringValue()))));
        ClusterClient operator = new ClusterClient(io.cell0.security.TlsMaterial.load(Path.of(pki.path("ca_cert").stringValue()),
                Path.of(pki.path("operator_cert").stringValue()), Path.of(pki.path("operator_key").stringValue())));
        assertThat(operator.getUrl(nodes.get(0).path("rest_url").stringValue() + "/federation/status").status()).isEqualTo(200);

        Result status = run("status");
        assertThat(status.output()).contains("leader").contains("node-3");

        // The scheduler runs beside the nodes, and the demo agent can be deployed, listed and killed.
        JsonNode scheduler = cluster.path("services").path("scheduler");
        assertThat(scheduler.path("url").stringValue()).startsWith("https://");
        // up returns once the nodes agree on a leader; the scheduler may still be starting.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(operator.getUrl(scheduler.path("url").stringValue() + "/scheduler/status").status()).isEqualTo(200));
        assertThat(ProcessHandle.of(scheduler.path("pid").asLong()).map(ProcessHandle::isAlive)).contains(true);
        Result deployed = run("agents", "deploy", "--replicas", "2", "--count", "2");
        assertThat(deployed.exit()).as(deployed.output()).isZero();
        List<String> ids = deployed.output().lines().filter(l -> l.startsWith("agent-")).toList();
        assertThat(ids).hasSize(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String list = run("agents", "list").output();
            for (String id : ids) {
                assertThat(list.lines().filter(l -> l.startsWith(id)).findFirst()).as(list).hasValueSatisfying(
                        l -> assertThat(l).contains("running"));
            }
        });
        assertThat(run("agents", "kill", ids.get(0)).exit()).isZero();
        assertThat(run("agents", "list").output()).doesNotContain(ids.get(0)).contains(ids.get(1));
        assertThat(run("agents", "kill", "no-such-agent").exit()).isNotZero();

        // Drain a node: its copies move (the two-copy agent gets its copy back elsewhere), then undrain.
        Result drained = run("drain", "node-3", "--wait");
        assertThat(drained.exit()).as(drained.output()).isZero();
        assertThat(drained.output()).contains("node-3 drained");
        assertThat(run("drain-status", "node-3").output()).contains("\"phase\":\"drained\"");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(run("agents", "list").output().lines()
                .filter(l -> l.startsWith(ids.get(1))).findFirst()).hasValueSatisfying(l -> assertThat(l).contains("running")
                        .doesNotContain("node-3")));
        assertThat(run("undrain", "node-3").exit()).isZero();
        assertThat(run("drain", "node-9").exit()).isNotZero();
        assertThat(run("scheduler", "stop").exit()).isZero();
        assertThat(run("scheduler", "start").exit()).isZero();

        long oldPid = nodes.get(1).path("pid").asLong();
        assertThat(run("kill", "node-2").exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(oldPid).map(h -> !h.isAlive()).orElse(true));
        assertThat(run("status").output()).contains("down");
        assertThat(run("start", "2").exit()).isZero();
        JsonNode after = ClusterClient.JSON.readTree(Files.readString(home.resolve("cluster.json")));
        assertThat(after.path("nodes").get(1).path("pid").asLong()).isNotEqualTo(oldPid);

        assertThat(run("kill", "node-9").exit()).isNotZero();
        assertThat(run("down").exit()).isZero();
        for (JsonNode n : nodes) {
            long pid = n.path("pid").asLong();
            await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
        long schedulerPid = scheduler.path("pid").asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(schedulerPid).map(h -> !h.isAlive()).orElse(true));
    }
}
