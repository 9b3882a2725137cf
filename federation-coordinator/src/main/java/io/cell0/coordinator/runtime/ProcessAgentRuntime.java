package io.cell0.coordinator.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each agent as an OS process in its own state directory, with its output appended to
 * {@code agent.log} there and its pid in {@code agent.pid}. A pid file left by a previous run of
 * this node (the coordinator was killed and its agents outlived it) is honoured: that process is
 * stopped before the agent is started again, so one copy never runs twice on a node.
 *
 * <p>An agent dies with its coordinator: with {@code setpriv} (util-linux) it is started with
 * SIGKILL as its parent-death signal, so a coordinator killed outright does not leave agents running
 * that the cluster is about to start elsewhere (the lease cannot stop them once the coordinator is
 * gone). Without {@code setpriv} start-up says so, and such agents outlive their coordinator until
 * it restarts and stops them.
 *
 * <p>Memory: when the agent asks for memory and {@code prlimit} exists, its address space is capped
 * at twice the request (address space overstates real use, so the cap is loose but stops runaways).
 * CPU, GPUs and storage are accounted by the scheduler but not enforced here.
 */
public final class ProcessAgentRuntime implements AgentRuntime {
    private static final Logger log = LoggerFactory.getLogger(ProcessAgentRuntime.class);
    private final boolean prlimit;
    private final boolean setpriv;

    public ProcessAgentRuntime() {
        this.prlimit = onPath("prlimit");
        this.setpriv = onPath("setpriv");
    }

    static boolean onPath(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/bin", tool));
    }

    @Override
    public String describeLimits() {
        String limits = prlimit ? "memory: address space capped at 2x the request (prlimit); cpu, gpus, storage: accounted, not enforced"
                : "memory, cpu, gpus, storage: accounted, not enforced (prlimit not found)";
        return limits + (setpriv ? "; agents die with this coordinator (parent-death signal)"
                : "; WARNING: setpriv not found, agents outlive a crashed coordinator");
    }

    @Override
    public Handle start(LaunchSpec spec) throws IOException {
        Files.createDirectories(spec.stateDir());
        stopLeftover(spec);
        if (spec.command().isEmpty()) {
            return new NothingToRun();
        }
        List<String> argv = new ArrayList<>();
        if (setpriv) {
            argv.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        }
        if (prlimit && spec.memoryMb() > 0) {
            argv.add("prlimit");
            argv.add("--as=" + spec.memoryMb() * 2 * 1024 * 1024);
            argv.add("--");
        }
        argv.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(spec.stateDir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.stateDir().resolve("agent.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(spec.env());
        Process p = pb.start();
        // pid, start time (epoch ms, for this class) and start time in clock ticks (for the lease fence script).
        Files.writeString(spec.stateDir().resolve("agent.pid"), p.pid() + " " + startOf(p.toHandle()) + " " + startTicks(p.pid()) + "\n",
                StandardCharsets.US_ASCII);
        return new ProcessHandleImpl(p);
    }

    /** A process from an earlier run of this node whose pid and start time match the pid file. */
    private static void stopLeftover(LaunchSpec spec) {
        Path pidFile = spec.stateDir().resolve("agent.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            String[] parts = Files.readString(pidFile, StandardCharsets.US_ASCII).trim().split(" ");
            Files.delete(pidFile);
            long pid = Long.parseLong(parts[0]);
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> parts.length > 1 && parts[1].equals(startOf(h)))
                    .ifPresent(h -> {
                        log.warn("agent {}: stopping process {} left by an earlier run of this node", spec.agentId(), pid);
                        h.descendants().forEach(ProcessHandle::destroyForcibly);
                        h.destroyForcibly();
                        h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> h).join();
                    });
        } catch (IOException | RuntimeException e) {
            log.warn("agent {}: could not check the old pid file: {}", spec.agentId(), e.toString());
        }
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks since boot), or "?" where there is no /proc. */
    static String startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields[19];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String startOf(ProcessHandle h) {
        return h.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("?");
    }

    private static final class ProcessHandleImpl implements Handle {
        private final Process process;

        ProcessHandleImpl(Process process) {
            this.process = process;
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public OptionalInt exitCode() {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public void stop(Duration grace) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** An agent with no command: it "runs" as long as it is placed here (used by benchmarks and tests). */
    private static final class NothingToRun implements Handle {
        private volatile boolean stopped;

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean isAlive() {
            return !stopped;
        }

        @Override
        public OptionalInt exitCode() {
            return stopped ? OptionalInt.of(0) : OptionalInt.empty();
        }

        @Override
        public void stop(Duration grace) {
            stopped = true;
        }
    }
}
