package io.cell0.coordinator.runtime;

import io.cell0.model.AgentPlacement;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The node agent runtime's control loop (seed: followers "handle local agent execution"). It reads
 * the local replica for the agents with a copy on this node, starts what should run and does not,
 * stops what runs and should not (killed, or moved away), restarts exited agents per their policy,
 * and reports every change of its copies back through consensus as {@code AgentStatusReport}s.
 *
 * <p>It reconciles rather than reacting to events: each pass compares the replicated state with the
 * processes, so a missed change, a lost report (no quorum) or a restart of this node is repaired by
 * the next pass. A report is re-sent until the replicated state shows it.
 */
public final class AgentSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentSupervisor.class);
    private static final long MIN_PASS_INTERVAL_MS = 50;

    /** What the supervisor needs from the cluster; in production the local Raft replica. */
    public interface Cluster {
        String selfId();

        /**
         * The agents with a copy on {@code nodeId} that changed after log index {@code since}, from the
         * local replica: either every such agent ({@code full}, when {@code since} is 0 or older than
         * what the replica remembers) or only the changed ones, plus the changed ids that no longer
         * have a copy there. Keeps each pass proportional to what changed, not to the cluster's size.
         */
        AgentChanges agentsOn(String nodeId, long since);

        CompletableFuture<CommandResult> propose(Command command);

        /** Blocks until something new is applied or {@code timeoutMs} passes. */
        void awaitChange(long timeoutMs) throws InterruptedException;

        /**
         * Whether this node holds its lease (a leader with a quorum acknowledged it recently). Without
         * it the node runs no agent: the leader may already be placing them elsewhere.
         */
        default boolean leaseValid() {
            return true;
        }

        /** Milliseconds until the lease runs out (wakes the loop in time to stop agents). */
        default long leaseRemainingMs() {
            return Long.MAX_VALUE;
        }

        /**
         * The leader's commit index when it last granted the lease. No copy is started before the
         * local replica has applied that far: a node back from a partition must first learn which
         * of its agents were moved away meanwhile, or it would start them a second time.
         */
        default long leaseIndex() {
            return 0;
        }

        /**
         * The agents a copy was moved away from {@code nodeId} and that still wait for it to confirm
         * the copy stopped (their {@code stopping} list names it), from the local replica.
         */
        default List<String> stoppingOn(String nodeId) {
            return List.of();
        }
    }

    /** See {@link Cluster#agentsOn}. */
    public record AgentChanges(long index, boolean full, List<AgentPlacement> placedHere, List<String> notHere) {
    }

    private static final class Copy {
        final String agentId;
        AgentRuntime.Handle handle;
        RestartPolicy policy;
        RuntimePhase phase = RuntimePhase.STARTING;
        int exitCode = -1;
        int restarts;
        String message = "";
        long restartAt;

        Copy(String agentId) {
            this.agentId = agentId;
        }

        ReplicaStatus status(long now) {
            return new ReplicaStatus(phase, exitCode, restarts, message, now);
        }
    }

    private final Cluster cluster;
    private final AgentRuntime runtime;
    private final Path agentsDir;
    private final Clock clock;
    private final ObjectMapper json;
    private final Duration stopGrace;
    private final long reconcileMs;
    private final long maxBackoffMs;
    private final Map<String, Copy> copies = new LinkedHashMap<>();
    /** The agents placed on this node as of {@link #seenIndex}, kept current from the changes. */
    private final Map<String, AgentPlacement> wanted = new HashMap<>();
    private long seenIndex;
    private final Map<String, ReplicaStatus> reportsInFlight = new ConcurrentHashMap<>();
    /** Stop confirmations sent and not yet seen applied: agent id -> when sent. */
    private final Map<String, Long> confirmsInFlight = new ConcurrentHashMap<>();
    private final java.util.Set<String> waitingLogged = new java.util.HashSet<>();
    private final Thread loop;
    private volatile boolean running = true;
    private boolean fenced;

    public AgentSupervisor(Cluster cluster, AgentRuntime runtime, Path agentsDir, Clock clock, ObjectMapper json,
                           Duration stopGrace, long reconcileMs, long maxBackoffMs) {
        this.cluster = cluster;
        this.runtime = runtime;
        this.agentsDir = agentsDir;
        this.clock = clock;
        this.json = json;
        this.stopGrace = stopGrace;
        this.reconcileMs = reconcileMs;
        this.maxBackoffMs = maxBackoffMs;
        this.loop = new Thread(this::run, "cell0-agent-supervisor");
        this.loop.setDaemon(true);
    }

    public void start() {
        log.info("agent runtime on: state directories under {}; {}", agentsDir, runtime.describeLimits());
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                long started = System.nanoTime();
                reconcile();
                // Wake up no later than the lease runs out, to stop the agents in time.
                long leaseLeft = cluster.leaseRemainingMs();
                cluster.awaitChange(leaseLeft > 0 ? Math.min(reconcileMs, leaseLeft) : reconcileMs);
                // Under a heavy write load something is applied all the time: pass at most every 50 ms.
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                if (elapsedMs < MIN_PASS_INTERVAL_MS) {
                    Thread.sleep(MIN_PASS_INTERVAL_MS - elapsedMs);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The replica may be reloading a snapshot or shutting down; try again next pass.
                log.warn("agent runtime pass failed: {}", e.toString());
                try {
                    Thread.sleep(reconcileMs);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One pass: make the processes match the replicated state, then report what differs. Package-private for tests. */
    synchronized void reconcile() {
        if (!cluster.leaseValid()) {
            fence();
            return;
        }
        if (fenced) {
            fenced = false;
            log.info("lease held again: running the agents placed on this node");
        }
        String self = cluster.selfId();
        AgentChanges changes = cluster.agentsOn(self, seenIndex);
        if (changes.full()) {
            wanted.clear();
        }
        changes.placedHere().forEach(a -> wanted.put(a.agentId(), a));
        changes.notHere().forEach(wanted::remove);
        seenIndex = changes.index();
        List<String> gone = new ArrayList<>();
        for (Copy c : copies.values()) {
            if (!wanted.containsKey(c.agentId)) {
                gone.add(c.agentId);
            }
        }
        for (String id : gone) {
            Copy c = copies.remove(id);
            if (c.handle != null && c.handle.isAlive()) {
                log.info("agent {}: no longer placed on this node; stopping pid {}", id, c.handle.pid());
                c.handle.stop(stopGrace);
            }
            reportsInFlight.remove(id);
        }
        long now = clock.millis();
        confirmStopped(self, now);
        boolean fresh = changes.index() >= cluster.leaseIndex();
        waitingLogged.retainAll(wanted.keySet());
        for (AgentPlacement a : wanted.values()) {
            if (!fresh && !copies.containsKey(a.agentId())) {
                continue; // not before the replica has caught up with the lease (see Cluster#leaseIndex)
            }
            if (!a.stopping().isEmpty() && !copies.containsKey(a.agentId())) {
                // A copy moved here from another node: not before that node confirmed its copy stopped.
                if (waitingLogged.add(a.agentId())) {
                    log.info("agent {}: waiting for {} to confirm its old copy stopped before starting it here", a.agentId(),
                            a.stopping());
                }
                continue;
            }
            Copy c = copies.computeIfAbsent(a.agentId(), Copy::new);
            if (c.handle == null) {
                c.policy = RestartPolicy.of(config(a));
                // A copy this node ran before it restarted carries on counting its restarts.
                ReplicaStatus previous = a.runtime().get(self);
                c.restarts = previous == null ? 0 : previous.restarts();
                launch(c, a);
            } else if (c.phase == RuntimePhase.RUNNING && !c.handle.isAlive()) {
                exited(c, now);
            } else if (fresh && c.phase == RuntimePhase.EXITED && c.restartAt > 0 && now >= c.restartAt) {
                c.restarts++;
                c.restartAt = 0;
                launch(c, a);
            }
            report(a, c, self, now);
        }
    }

    /**
     * Tells the cluster that copies moved away from this node no longer run here, so their new copies
     * may start. Sent only for agents with no live process on this node; re-sent every 5 s until the
     * replicated state shows it.
     */
    private void confirmStopped(String self, long now) {
        List<String> toConfirm = cluster.stoppingOn(self);
        confirmsInFlight.keySet().retainAll(toConfirm);
        for (String id : toConfirm) {
            Copy c = copies.get(id);
            if (c != null && c.handle != null && c.handle.isAlive()) {
                continue;
            }
            Long sent = confirmsInFlight.get(id);
            if (sent != null && now - sent < 5_000) {
                continue;
            }
            confirmsInFlight.put(id, now);
            log.info("agent {}: moved away from this node; confirming its copy here stopped", id);
            ReplicaStatus stopped = new ReplicaStatus(RuntimePhase.STOPPED, -1, 0, "copy moved away; stopped on " + self, now);
            cluster.propose(new AgentStatusReport(id, self, stopped, now)).whenComplete((r, e) -> {
                if (e != null || (r != null && !r.isAccepted())) {
                    confirmsInFlight.remove(id, now);
                }
            });
        }
    }

    /**
     * No lease: kill every agent at once (no grace period: the leader releases them to other nodes a
     * fixed margin after the lease ends) and forget the copies; they start again once the lease is
     * back, if the replicated state still places them here. Agents that chose to keep running through
     * a disconnection are left alone (not watched or restarted until the lease is back).
     */
    private void fence() {
        if (!fenced) {
            fenced = true;
            log.warn("no lease: stopping {} agent(s) until a leader with a quorum acknowledges this node again",
                    copies.keySet().stream().filter(id -> !keepsRunning(id)).count());
        }
        var it = copies.values().iterator();
        while (it.hasNext()) {
            Copy c = it.next();
            if (keepsRunning(c.agentId)) {
                continue; // its choice (on_disconnect: keep_running); the leader does not place it elsewhere either
            }
            if (c.handle != null && c.handle.isAlive()) {
                log.warn("agent {}: stopped without a lease (pid {})", c.agentId, c.handle.pid());
                c.handle.stop(Duration.ZERO);
            }
            it.remove();
            reportsInFlight.remove(c.agentId);
        }
    }

    private boolean keepsRunning(String agentId) {
        AgentPlacement a = wanted.get(agentId);
        return a != null && a.config().keepRunningWhenDisconnected();
    }

    private void launch(Copy c, AgentPlacement a) {
        AgentRuntime.LaunchSpec spec = spec(a);
        try {
            markKeepRunning(spec.stateDir(), a.config().keepRunningWhenDisconnected());
            c.handle = runtime.start(spec);
            c.phase = RuntimePhase.RUNNING;
            c.exitCode = -1;
            c.message = spec.command().isEmpty() ? "no command: nothing to run" : "pid " + c.handle.pid();
            log.info("agent {}: started ({}), restarts so far {}", c.agentId, c.message, c.restarts);
        } catch (Exception e) {
            c.handle = new Failed();
            c.phase = RuntimePhase.FAILED;
            c.message = "could not start: " + e.getMessage();
            log.warn("agent {}: {}", c.agentId, c.message);
        }
    }

    private void exited(Copy c, long now) {
        c.exitCode = c.handle.exitCode().orElse(-1);
        if (c.policy.restarts(c.exitCode, c.restarts)) {
            long wait = RestartPolicy.backoffMillis(c.restarts, maxBackoffMs);
            c.phase = RuntimePhase.EXITED;
            c.restartAt = now + wait;
            c.message = "exited with code " + c.exitCode + "; restarting in " + wait + " ms";
        } else if (c.exitCode == 0 && c.policy.mode() != RestartPolicy.Mode.ALWAYS) {
            c.phase = RuntimePhase.EXITED;
            c.restartAt = 0;
            c.message = "exited with code 0";
        } else {
            c.phase = RuntimePhase.FAILED;
            c.restartAt = 0;
            c.message = "exited with code " + c.exitCode + " after " + c.restarts + " restart(s); not restarting";
        }
        log.info("agent {}: {}", c.agentId, c.message);
    }

    /** Sends this copy's status unless the replicated state already shows it or the same report is in flight. */
    private void report(AgentPlacement a, Copy c, String self, long now) {
        ReplicaStatus known = a.runtime().get(self);
        if (known != null && known.phase() == c.phase && known.exitCode() == c.exitCode && known.restarts() == c.restarts
                && known.message().equals(c.message)) {
            reportsInFlight.remove(c.agentId);
            return;
        }
        ReplicaStatus status = c.status(now);
        ReplicaStatus inFlight = reportsInFlight.get(c.agentId);
        if (inFlight != null && sameReport(inFlight, status) && now - inFlight.updatedAt() < 5_000) {
            return;
        }
        reportsInFlight.put(c.agentId, status);
        cluster.propose(new AgentStatusReport(c.agentId, self, status, now)).whenComplete((r, e) -> {
            if (e != null || (r != null && !r.isAccepted())) {
                reportsInFlight.remove(c.agentId, status);
            }
        });
    }

    private static boolean sameReport(ReplicaStatus a, ReplicaStatus b) {
        return a.phase() == b.phase() && a.exitCode() == b.exitCode() && a.restarts() == b.restarts()
                && a.message().equals(b.message());
    }

    private JsonNode config(AgentPlacement a) {
        return json.readTree(a.config().configJson());
    }

    /** {@code command} as a string runs through {@code /bin/sh -c}; as an array it is the argv itself; {@code args} are appended. */
    AgentRuntime.LaunchSpec spec(AgentPlacement a) {
        JsonNode config = config(a);
        List<String> argv = new ArrayList<>();
        JsonNode command = config.get("command");
        if (command != null && command.isString()) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(command.asString());
            if (config.has("args")) {
                argv.add(a.agentId());
            }
        } else if (command != null && command.isArray()) {
            command.forEach(e -> argv.add(e.asString()));
        }
        if (!argv.isEmpty()) {
            config.path("args").forEach(e -> argv.add(e.asString()));
        }
        Path stateDir = agentsDir.resolve(a.agentId());
        Map<String, String> env = new LinkedHashMap<>();
        config.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        env.put("CELL0_AGENT_ID", a.agentId());
        env.put("CELL0_NODE_ID", cluster.selfId());
        env.put("CELL0_STATE_DIR", stateDir.toAbsolutePath().toString());
        env.put("CELL0_AGENT_CONFIG", a.config().configJson());
        return new AgentRuntime.LaunchSpec(a.agentId(), argv, env, stateDir, a.config().resources().memoryMb());
    }

    /**
     * {@code <state dir>/keep-running} tells the out-of-process lease fence ({@link LeaseFence}) to
     * leave this agent alone when the lease runs out.
     */
    private static void markKeepRunning(Path stateDir, boolean keep) throws java.io.IOException {
        Path marker = stateDir.resolve(LeaseFence.KEEP_RUNNING_MARKER);
        if (keep) {
            java.nio.file.Files.createDirectories(stateDir);
            java.nio.file.Files.writeString(marker, "on_disconnect: keep_running\n");
        } else {
            java.nio.file.Files.deleteIfExists(marker);
        }
    }

    /** The pids of the agents running here, for status and tests. */
    public synchronized Map<String, Long> runningPids() {
        Map<String, Long> out = new LinkedHashMap<>();
        copies.forEach((id, c) -> {
            if (c.handle != null && c.handle.isAlive() && c.handle.pid() > 0) {
                out.put(id, c.handle.pid());
            }
        });
        return out;
    }

    /** Stops the loop and every agent: a node that shuts down in order leaves no process behind. */
    @Override
    public void close() {
        running = false;
        loop.interrupt();
        synchronized (this) {
            for (Copy c : copies.values()) {
                if (c.handle != null && c.handle.isAlive()) {
                    c.handle.stop(stopGrace);
                }
            }
            copies.clear();
        }
    }

    /** The handle of a copy that could not be started: never alive, so only a new placement retries it. */
    private static final class Failed implements AgentRuntime.Handle {
        @Override
        public long pid() {
            return -1;
        }

        @Override
        public boolean isAlive() {
            return false;
        }

        @Override
        public java.util.OptionalInt exitCode() {
            return java.util.OptionalInt.of(-1);
        }

        @Override
        public void stop(Duration grace) {
        }
    }

}
