package io.cell0.coordinator.failure;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's heartbeat to the leader every {@code consensus.heartbeat_interval_ms} and
 * extends the node's {@link Lease} with every acknowledged grant. The leader's own heartbeat goes
 * straight to its {@link FailureMonitor}.
 */
public final class HeartbeatSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    /** One heartbeat. */
    public record Heartbeat(String nodeId, long seq, long sentAtMs, double cpuLoad, long memoryUsedMb, int agentsRunning) {
    }

    /** How a heartbeat reaches the leader. */
    public interface Transport {
        /** The leader this node knows of, if any. */
        Optional<String> leader();

        /** Sends to the leader; completes with its answer, or exceptionally. */
        CompletableFuture<FailureMonitor.Ack> send(String leaderId, Heartbeat heartbeat);
    }

    /** This node's usage, attached to each heartbeat. */
    public interface Usage {
        double cpuLoad();

        long memoryUsedMb();

        int agentsRunning();
    }

    private final String selfId;
    private final Transport transport;
    private final Usage usage;
    private final Lease lease;
    private final LongSupplier clockMs;
    private final AtomicLong seq = new AtomicLong();
    private final ScheduledExecutorService timer;
    private volatile boolean leaseWasValid = true;

    public HeartbeatSender(String selfId, Transport transport, Usage usage, Lease lease, LongSupplier clockMs, long intervalMs,
                           boolean start) {
        this.selfId = selfId;
        this.transport = transport;
        this.usage = usage;
        this.lease = lease;
        this.clockMs = clockMs;
        if (start) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cell0-heartbeat");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::beatQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.debug("heartbeat failed", e);
        }
    }

    /** Sends one heartbeat; the returned future completes when the answer has been taken into account. */
    public CompletableFuture<Void> beat() {
        boolean valid = lease.valid();
        if (valid != leaseWasValid) {
            leaseWasValid = valid;
            if (valid) {
                log.info("lease held again: agents may run");
            } else {
                log.warn("lease ran out: no heartbeat acknowledged by a leader with a quorum for a while; agents stop");
            }
        }
        Optional<String> leader = transport.leader();
        if (leader.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long sentAt = clockMs.getAsLong();
        Heartbeat hb = new Heartbeat(selfId, seq.incrementAndGet(), sentAt, usage.cpuLoad(), usage.memoryUsedMb(), usage.agentsRunning());
        return transport.send(leader.get(), hb).handle((ack, e) -> {
            if (e == null && ack != null && ack.leaseGranted()) {
                lease.granted(sentAt, ack.commitIndex());
            }
            return null;
        });
    }

    public Lease lease() {
        return lease;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
