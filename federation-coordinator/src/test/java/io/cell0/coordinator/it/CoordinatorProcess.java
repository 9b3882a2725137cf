package io.cell0.coordinator.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One coordinator as a real operating-system process: the repackaged jar, a real federation.yaml,
 * its own loopback address. Tests kill it with SIGKILL, pause it with SIGSTOP, and restart it.
 */
final class CoordinatorProcess {
    final String id;
    final String host;
    final int raftPort;
    final int restPort;
    final Path dir;
    final Path config;
    final Path logFile;
    private Process process;
    /** When >= 0 the process runs as this user and group id (so network rules can tell the nodes apart). */
    private int uid = -1;
    /** The node's TLS files (node.crt, node.key, ca.crt, identity.key); null = TLS off. */
    private Path tlsDir;

    CoordinatorProcess(String id, String host, int raftPort, int restPort, Path dir) {
        this.id = id;
        this.host = host;
        this.raftPort = raftPort;
        this.restPort = restPort;
        this.dir = dir;
        this.config = dir.resolve("federation.yaml");
        this.logFile = dir.resolve("coordinator.log");
    }

    void runAs(int uid) {
        this.uid = uid;
    }

    void useTls(Path dir) {
        this.tlsDir = dir;
    }

    /** The federation.yaml {@code security:} section for this node. */
    String securitySection() {
        if (tlsDir == null) {
            return "security:\n  tls:\n    enabled: false\n";
        }
        return "security:\n  tls:\n    enabled: true\n"
                + "    ca_cert: \"" + tlsDir.resolve("ca.crt") + "\"\n"
                + "    cert: \"" + tlsDir.resolve("node.crt") + "\"\n"
                + "    key: \"" + tlsDir.resolve("node.key") + "\"\n"
                + "  identity_key: \"" + tlsDir.resolve("identity.key") + "\"\n";
    }

    int uid() {
        return uid;
    }

    String raftAddress() {
        return host + ":" + raftPort;
    }

    String restUrl() {
        return (tlsDir == null ? "http://" : "https://") + host + ":" + restPort;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    synchronized void start() throws IOException {
        if (isAlive()) {
            return;
        }
        String jar = System.getProperty("cell0.coordinator.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property cell0.coordinator.jar must name the built coordinator jar (run through ./mvnw verify), got " + jar);
        }
        List<String> cmd = new ArrayList<>();
        if (uid >= 0) {
            // Everything the node writes must be its own; the log file is opened by this process.
            run("chown", "-R", uid + ":" + uid, dir.toString());
            cmd.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        cmd.addAll(List.of("-jar", jar, "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (uid >= 0) {
            pb.environment().put("HOME", dir.toString());
        }
        process = pb
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * kill -9: no shutdown hooks, no flush beyond what is already on disk. The node's agents outlive
     * it, as they would on a real machine; they are remembered so that {@link #stop()} reaps them.
     */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(orphans::add);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the agent processes this node left behind when it was killed; tests call it when they end. */
    synchronized void reapOrphans() {
        if (process != null) {
            process.descendants().forEach(orphans::add);
        }
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        orphans.clear();
    }

    /** A graceful stop (SIGTERM); then any agent process of this node that is still alive is killed. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            orphans.addAll(children);
        }
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        orphans.clear();
    }

    private final List<ProcessHandle> orphans = new java.util.ArrayList<>();

    synchronized void signal(String signal) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
