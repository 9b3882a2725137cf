package io.cell0.coordinator.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler-service jar as a real process, watching the given coordinators, with TLS on: it calls
 * them with a scheduler certificate of the cluster and serves HTTPS with client certificates itself.
 */
final class SchedulerProcess implements AutoCloseable {
    final String host;
    final int port;
    final Path logFile;
    private final Process process;

    SchedulerProcess(String host, List<CoordinatorProcess> coordinators, Path dir, LocalCluster cluster, String... extraArgs)
            throws IOException {
        String jar = System.getProperty("cell0.scheduler.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property cell0.scheduler.jar must name the built scheduler jar "
                    + "(run through ./mvnw verify), got " + jar);
        }
        this.host = host;
        this.port = LocalCluster.freePorts(host, 1)[0];
        Files.createDirectories(dir);
        this.logFile = dir.resolve("scheduler.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar, "--server.address=" + host, "--server.port=" + port,
                "--cell0.coordinator.urls=" + String.join(",", coordinators.stream().map(CoordinatorProcess::restUrl).toList()),
                "--cell0.coordinator.replan-ms=1000"));
        cmd.addAll(cluster.schedulerTlsArgs(host));
        cmd.addAll(List.of(extraArgs));
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    }

    String url() {
        return "https://" + host + ":" + port;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * A scheduler for the cluster of {@code extension}, on node 1's address, once it sees every node
     * (the shared set-up of the process tests that need placements).
     */
    static SchedulerProcess startSeeingAll(ClusterExtension extension) throws IOException {
        Path dir = Files.createTempDirectory("cell0-sched-");
        SchedulerProcess s = new SchedulerProcess(extension.node(1).host, extension.get().nodes, dir, extension.get());
        int nodes = extension.get().nodes.size();
        org.awaitility.Awaitility.await().ignoreExceptions().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                org.assertj.core.api.Assertions.assertThat(extension.api().getUrl(s.url() + "/scheduler/status").body().path("nodes").asInt())
                        .isEqualTo(nodes));
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
