package io.cell0.coordinator.consensus;

import io.cell0.model.NodeStatus;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shuts this node down once it has left the cluster: its own record is LEFT in the replicated state
 * and it is no longer in the Raft configuration — or {@code graceMs} after it first saw itself LEFT,
 * since a removed node does not always receive the configuration that leaves it out. The grace keeps
 * it voting while the removal itself still needs its vote (a two-voter cluster losing one).
 */
public final class LeaveWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaveWatcher.class);

    private final ConsensusNode consensus;
    private final Runnable shutdown;
    private final long graceMs;
    private final ScheduledExecutorService timer;
    private long leftSeenAt = -1;
    private boolean done;

    public LeaveWatcher(ConsensusNode consensus, Runnable shutdown, long graceMs) {
        this.consensus = consensus;
        this.shutdown = shutdown;
        this.graceMs = graceMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell0-leave-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void check() {
        if (done) {
            return;
        }
        try {
            String self = consensus.selfId();
            boolean left = consensus.read(s -> s.node(self).map(n -> n.status() == NodeStatus.LEFT).orElse(false));
            if (!left) {
                leftSeenAt = -1;
                return;
            }
            long now = System.nanoTime() / 1_000_000;
            if (leftSeenAt < 0) {
                leftSeenAt = now;
                log.warn("this node ({}) has left the cluster; shutting down once it is out of the Raft configuration", self);
            }
            boolean member = consensus.membership().contains(self);
            if (!member || now - leftSeenAt >= graceMs) {
                done = true;
                log.warn("node {} left the cluster{}: shutting down", self, member ? " (no newer Raft configuration seen)" : "");
                Thread t = new Thread(shutdown, "cell0-leave-shutdown");
                t.setDaemon(false);
                t.start();
            }
        } catch (RuntimeException e) {
            log.debug("leave check failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
