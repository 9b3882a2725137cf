package io.cell0.coordinator.it;

import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.TestPki;
import io.cell0.security.Role;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A cluster of coordinator processes on loopback addresses (127.0.0.x with x picked at random per
 * cluster), ports chosen by the operating system, data in a temporary directory. Two runs of the
 * test suite on one machine do not collide. {@link #close()} kills every process it started, by PID.
 */
final class LocalCluster implements AutoCloseable {
    final List<CoordinatorProcess> nodes = new ArrayList<>();
    final Path root;
    /** This cluster's CA, operator certificate and (in each node's directory) node certificates. */
    final TestPki pki;
    final ClusterClient client;
    private final int voters;

    /** @param firstUid when >= 0, node i runs as user id firstUid + i (see {@link CoordinatorProcess#runAs}) */
    record Options(int voters, int observers, long snapshotThreshold, int logSegmentSizeKb, Map<String, String> extra,
                   int firstUid, String extraYaml) {
        Options(int voters, int observers, long snapshotThreshold, int logSegmentSizeKb, Map<String, String> extra, int firstUid) {
            this(voters, observers, snapshotThreshold, logSegmentSizeKb, extra, firstUid, "");
        }

        static Options voters(int n) {
            return new Options(n, 0, 10_000, 8192, Map.of(), -1);
        }

        /** More top-level federation.yaml sections for every node (e.g. {@code "health:\n  term_stable_ms: 3000\n"}). */
        Options withYaml(String yaml) {
            return new Options(voters, observers, snapshotThreshold, logSegmentSizeKb, extra, firstUid, yaml);
        }

        Options withObservers(int n) {
            return new Options(voters, n, snapshotThreshold, logSegmentSizeKb, extra, firstUid, extraYaml);
        }

        /** Extra {@code consensus:} keys for every node's federation.yaml. */
        Options withConsensus(Map<String, String> keys) {
            return new Options(voters, observers, snapshotThreshold, logSegmentSizeKb, keys, firstUid, extraYaml);
        }

        Options withSnapshots(long threshold, int segmentKb) {
            return new Options(voters, observers, threshold, segmentKb, extra, firstUid, extraYaml);
        }

        Options withUids(int first) {
            return new Options(voters, observers, snapshotThreshold, logSegmentSizeKb, extra, first, extraYaml);
        }
    }

    private LocalCluster(Path root, int voters) {
        this.root = root;
        this.voters = voters;
        this.pki = TestPki.create(root.resolve("pki"), "it-pki");
        this.client = new ClusterClient(pki.operator());
    }

    /** An HTTP client with the operator's certificate, for harness code that makes its own requests. */
    HttpClient operatorHttp(Duration connectTimeout) {
        return pki.operator().httpClient(connectTimeout).build();
    }

    /** A client that calls as {@code role} (a certificate made on first use), to test the role matrix. */
    ClusterClient clientAs(Role role) {
        Path d = root.resolve("pki").resolve(role.urnName());
        if (!Files.exists(d)) {
            pki.service(role, role.urnName());
        }
        return new ClusterClient(pki.material(d, role));
    }

    /**
     * The scheduler-service arguments for a certificate of role scheduler naming {@code host}, where it
     * listens (made on first use for that host).
     */
    synchronized List<String> schedulerTlsArgs(String host) {
        Path d = root.resolve("pki").resolve("scheduler-" + host);
        if (!Files.exists(d.resolve("scheduler.crt"))) {
            pki.service(Role.SCHEDULER, "scheduler", d, host);
        }
        return List.of("--security.tls.ca-cert=" + pki.caCert(), "--security.tls.cert=" + d.resolve("scheduler.crt"),
                "--security.tls.key=" + d.resolve("scheduler.key"));
    }

    static LocalCluster start(Options options) throws IOException {
        Path root = Files.createTempDirectory("cell0-it-");
        LocalCluster cluster = new LocalCluster(root, options.voters());
        int base = 16 + ThreadLocalRandom.current().nextInt(200) ;
        int total = options.voters() + options.observers();
        for (int i = 1; i <= total; i++) {
            String host = "127.0." + base + "." + (10 + i);
            int[] ports = freePorts(host, 2);
            Path dir = root.resolve("node-" + i);
            Files.createDirectories(dir);
            CoordinatorProcess p = new CoordinatorProcess("node-" + i, host, ports[0], ports[1], dir);
            // Inside the node's directory, so a node running as another user (see runAs) owns its key.
            p.useTls(cluster.pki.nodeIn(dir.resolve("tls"), host));
            if (options.firstUid() >= 0) {
                p.runAs(options.firstUid() + i);
            }
            cluster.nodes.add(p);
        }
        if (options.firstUid() >= 0) {
            // Nodes running as other users must be able to reach their directories.
            Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (int i = 0; i < total; i++) {
            cluster.writeConfig(cluster.nodes.get(i), i < options.voters(), options);
        }
        try {
            for (CoordinatorProcess p : cluster.nodes) {
                p.start();
            }
            cluster.awaitLeaderEverywhere(Duration.ofSeconds(90));
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Ports that were free on this address a moment ago; the OS picks them, so parallel runs differ. */
    static int[] freePorts(String host, int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private void writeConfig(CoordinatorProcess p, boolean voter, Options o) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("cluster:\n  id: \"it-").append(root.getFileName()).append("\"\n");
        y.append("node:\n");
        y.append("  id: \"").append(p.id).append("\"\n");
        y.append("  address: \"").append(p.raftAddress()).append("\"\n");
        y.append("  api_address: \"").append(p.host).append(':').append(p.restPort).append("\"\n");
        y.append("  data_dir: \"").append(p.dataDir()).append("\"\n");
        y.append("  zone: \"zone-").append(nodes.indexOf(p) % 2 + 1).append("\"\n");
        y.append("  role: \"").append(voter ? "voter" : "observer").append("\"\n");
        y.append("consensus:\n");
        y.append("  snapshot_threshold: ").append(o.snapshotThreshold()).append('\n');
        y.append("  log_segment_size_kb: ").append(o.logSegmentSizeKb()).append('\n');
        y.append("  request_timeout_ms: 3000\n");
        o.extra().forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
        y.append("federation:\n  bootstrap:\n");
        for (int i = 0; i < voters; i++) {
            y.append("    - \"").append(nodes.get(i).id).append('@').append(nodes.get(i).raftAddress()).append("\"\n");
        }
        if (nodes.size() > voters) {
            y.append("  observers:\n");
            for (int i = voters; i < nodes.size(); i++) {
                y.append("    - \"").append(nodes.get(i).id).append('@').append(nodes.get(i).raftAddress()).append("\"\n");
            }
        }
        y.append(p.securitySection());
        y.append(o.extraYaml());
        Files.writeString(p.config, y.toString());
    }

    CoordinatorProcess node(int i) {
        return nodes.get(i - 1);
    }

    List<CoordinatorProcess> alive() {
        return nodes.stream().filter(CoordinatorProcess::isAlive).toList();
    }

    /** Waits until every live node reports the same leader, and returns that leader. */
    CoordinatorProcess awaitLeaderEverywhere(Duration timeout) {
        String[] leader = new String[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            String seen = null;
            for (CoordinatorProcess p : alive()) {
                String l = ClusterClient.text(client.status(p).path("leader"));
                if (l == null || (seen != null && !seen.equals(l))) {
                    throw new AssertionError(p.id + " sees leader " + l + ", others " + seen);
                }
                seen = l;
            }
            if (seen == null) {
                throw new AssertionError("no live node");
            }
            String id = seen;
            if (alive().stream().noneMatch(p -> p.id.equals(id))) {
                throw new AssertionError("leader " + id + " is not a live node");
            }
            leader[0] = seen;
        });
        return byId(leader[0]).orElseThrow();
    }

    Optional<CoordinatorProcess> byId(String id) {
        return nodes.stream().filter(p -> p.id.equals(id)).findFirst();
    }

    /** Waits until every live node has applied the same index with the same state hash. */
    void awaitConverged(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            String hash = null;
            long index = -1;
            for (CoordinatorProcess p : alive()) {
                var s = client.status(p);
                long i = s.path("state_index").asLong();
                String h = ClusterClient.text(s.path("state_hash"));
                if (hash != null && (i != index || !h.equals(hash))) {
                    throw new AssertionError(p.id + " at " + i + "/" + h + " differs from " + index + "/" + hash);
                }
                hash = h;
                index = i;
            }
        });
    }

    String logs() {
        StringBuilder sb = new StringBuilder();
        for (CoordinatorProcess p : nodes) {
            sb.append("\n===== ").append(p.id).append(" (").append(p.logFile).append(") =====\n").append(p.logTail(40));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (CoordinatorProcess p : nodes) {
            try {
                p.signal("CONT");
                p.kill();
                p.reapOrphans();
            } catch (Exception e) {
                // keep killing the others
            }
        }
        if (!Boolean.getBoolean("cell0.it.keep")) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // temp files; the OS cleans them eventually
            }
        }
    }
}
