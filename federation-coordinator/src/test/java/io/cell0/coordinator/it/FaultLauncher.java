package io.cell0.coordinator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Starts a {@link FaultRun} in a private network namespace of its own ({@code ip netns add}, then
 * {@code ip netns exec}), so its nft rules and its processes touch nothing else on the machine,
 * and removes the namespace, its rules and every process in it afterwards — also when the run
 * fails, times out or this JVM is interrupted. Where namespaces are not possible (not root, no
 * {@code ip} or {@code nft}) the run goes ahead without partition faults and says why.
 *
 * <p>Also the entry point of {@code ./cell0 torture}:
 * <pre>FaultLauncher --nodes 5 --minutes 30 [--seed S] [--out DIR] [--negative-control]</pre>
 */
public final class FaultLauncher {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** What a run left behind: its exit code (0 clean, 1 violations, 2 harness failure) and report. */
    public record Result(int exitCode, JsonNode report, Path out) {
    }

    public static void main(String[] args) throws Exception {
        List<String> inner = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> {
                    inner.add("--seconds");
                    inner.add(Integer.toString(Integer.parseInt(args[++i]) * 60));
                }
                case "--out" -> out = Path.of(args[++i]);
                case "--negative-control" -> inner.add(args[i]);
                default -> {
                    inner.add(args[i]);
                    inner.add(args[++i]);
                }
            }
        }
        if (out == null) {
            out = Path.of(".cell0", "torture", java.time.Instant.now().toString().replace(':', '-'));
        }
        Result r = run(inner, out, Duration.ofHours(6));
        System.out.println("history, schedule, report and node logs: " + r.out().toAbsolutePath());
        System.exit(r.exitCode());
    }

    /** Why partitions cannot be injected here, or null when they can. */
    static String partitionsUnavailable() {
        if (!"0".equals(output("id", "-u").trim())) {
            return "not running as root (network namespaces and nft need it)";
        }
        for (String tool : List.of("ip", "nft", "setpriv")) {
            if (output("sh", "-c", "command -v " + tool).isBlank()) {
                return "'" + tool + "' is not installed";
            }
        }
        return null;
    }

    public static Result run(List<String> innerArgs, Path out, Duration timeout) throws Exception {
        Files.createDirectories(out);
        String unavailable = partitionsUnavailable();
        String namespace = null;
        if (unavailable == null) {
            String name = "cell0f-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
            String error = exec("ip", "netns", "add", name);
            if (error == null) {
                namespace = name;
                error = exec("ip", "-n", name, "link", "set", "lo", "up");
            }
            if (error != null) {
                unavailable = "could not set up a network namespace: " + error;
            }
        }
        List<String> cmd = new ArrayList<>();
        if (unavailable == null) {
            cmd.addAll(List.of("ip", "netns", "exec", namespace));
        } else {
            System.out.println("fault run: partition faults skipped: " + unavailable + "; crashes and pauses still run");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "-Dcell0.coordinator.jar=" + System.getProperty("cell0.coordinator.jar"),
                "-Dcell0.scheduler.jar=" + System.getProperty("cell0.scheduler.jar", ""),
                "-Dcell0.demo.agent=" + System.getProperty("cell0.demo.agent", Path.of("demo", "counter-agent.sh").toAbsolutePath().toString()),
                FaultRun.class.getName(), "--out", out.toString()));
        cmd.addAll(innerArgs);
        cmd.addAll(List.of("--partitions", unavailable == null ? "on" : "off"));
        if (unavailable != null) {
            cmd.addAll(List.of("--partition-note", unavailable));
        }

        Process run = new ProcessBuilder(cmd).inheritIO().start();
        String ns = namespace;
        Thread cleanup = new Thread(() -> cleanUp(run, ns), "fault-run-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            if (!run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("fault run: no result within " + timeout + "; stopping it");
                cleanUp(run, ns);
                return new Result(2, null, out);
            }
            Path report = out.resolve("report.json");
            JsonNode json = Files.exists(report) ? FaultRun.JSON.readTree(Files.readString(report)) : null;
            return new Result(run.exitValue(), json, out);
        } finally {
            cleanUp(run, ns);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
    }

    /** Kills the run and everything it started (by pid), then deletes the namespace. Idempotent. */
    private static synchronized void cleanUp(Process run, String namespace) {
        run.descendants().forEach(ProcessHandle::destroyForcibly);
        run.destroyForcibly();
        try {
            run.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (namespace != null) {
            // Anything still inside the namespace was started by this run.
            for (String pid : output("ip", "netns", "pids", namespace).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            exec("ip", "netns", "del", namespace);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String exec(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? null : String.join(" ", command) + ": " + out.trim();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private FaultLauncher() {
    }
}
