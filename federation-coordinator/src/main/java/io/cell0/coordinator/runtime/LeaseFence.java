package io.cell0.coordinator.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease, enforced from outside the JVM. The agent runtime stops agents itself when the node's
 * lease runs out, but a coordinator whose JVM is frozen (a long GC pause, SIGSTOP) cannot, while
 * the leader may already be starting those agents elsewhere. So every {@code refreshMs} this class
 * writes the lease's end (epoch milliseconds) to {@code <agents_dir>/.lease}, and a small bash
 * process ({@code cell0/lease-fence.sh}, dying with the coordinator) kills every agent of this node
 * once that time has passed. A frozen coordinator stops refreshing the file, so its agents die when
 * the lease it last held ends, whatever the JVM is doing.
 */
public final class LeaseFence implements AutoCloseable {
    /** A file of this name in an agent's state directory: the fence leaves that agent running. */
    public static final String KEEP_RUNNING_MARKER = "keep-running";

    private static final Logger log = LoggerFactory.getLogger(LeaseFence.class);
    /** Written when the lease is not enforced (failure detection off): effectively never ends. */
    static final long FOREVER = Long.MAX_VALUE / 2;

    private final Path leaseFile;
    private final LongSupplier remainingMs;
    private final ScheduledExecutorService timer;
    private final Process fence;

    public LeaseFence(Path agentsDir, LongSupplier remainingMs, long refreshMs) throws IOException {
        Files.createDirectories(agentsDir);
        this.leaseFile = agentsDir.resolve(".lease");
        this.remainingMs = remainingMs;
        refresh();
        Path script = agentsDir.resolve(".lease-fence.sh");
        try (InputStream in = LeaseFence.class.getResourceAsStream("/cell0/lease-fence.sh")) {
            if (in == null) {
                throw new IOException("resource cell0/lease-fence.sh is missing from the coordinator jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process started = null;
        if (ProcessAgentRuntime.onPath("bash") && ProcessAgentRuntime.onPath("setpriv")) {
            started = new ProcessBuilder(List.of("setpriv", "--pdeathsig", "KILL", "--", "bash", script.toString(), leaseFile.toString(),
                    agentsDir.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(agentsDir.resolve(".lease-fence.log").toFile())).start();
            log.info("lease fence running (pid {}): agents die when {} says the lease is over", started.pid(), leaseFile);
        } else {
            log.warn("bash or setpriv not found: no lease fence; a frozen coordinator cannot stop its agents when its lease ends");
        }
        this.fence = started;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell0-lease-fence");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::refreshQuietly, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            log.debug("could not write {}", leaseFile, e);
        }
    }

    /** Writes the lease's end; atomically, so the fence never reads half a number. */
    void refresh() throws IOException {
        long left = remainingMs.getAsLong();
        long end = left >= FOREVER ? FOREVER : System.currentTimeMillis() + left;
        Path tmp = leaseFile.resolveSibling(".lease.tmp");
        Files.writeString(tmp, end + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, leaseFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (fence != null) {
            fence.destroyForcibly();
        }
    }
}
