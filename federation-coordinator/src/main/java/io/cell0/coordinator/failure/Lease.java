package io.cell0.coordinator.failure;

import java.util.function.LongSupplier;

/**
 * This node's permission to run agents. It is extended by every heartbeat the leader acknowledges
 * with a grant, and runs for {@code leaseMs} from the moment that heartbeat was <em>sent</em> — not
 * received back — so it can only end earlier than the leader thinks, never later. Without a grant
 * for that long the node stops its agents; the leader moves them elsewhere only after the lease can
 * have run out (see {@link FailureMonitor}). Times are on a monotonic clock in milliseconds.
 */
public final class Lease {
    private final long leaseMs;
    private final LongSupplier clockMs;
    private final boolean enforced;
    private long validUntil = Long.MIN_VALUE;
    private long index;

    /** @param enforced false: failure detection is off and the lease never runs out */
    public Lease(long leaseMs, LongSupplier clockMs, boolean enforced) {
        this.leaseMs = leaseMs;
        this.clockMs = clockMs;
        this.enforced = enforced;
    }

    /**
     * The leader granted the lease on a heartbeat sent at {@code sentAtMs}, when its commit index was
     * {@code leaderCommitIndex}; agents start only once the local replica has applied that far.
     */
    public synchronized void granted(long sentAtMs, long leaderCommitIndex) {
        // Only a grant that ends a gap raises the index: while the lease holds nothing can have moved
        // away, and raising it on every grant would keep a follower that trails the leader by a few
        // entries under a steady write load from ever starting anything.
        if (clockMs.getAsLong() >= validUntil) {
            index = Math.max(index, leaderCommitIndex);
        }
        validUntil = Math.max(validUntil, sentAtMs + leaseMs);
    }

    /** The leader's commit index carried by the grant that last ended a gap in the lease. */
    public synchronized long index() {
        return index;
    }

    public synchronized boolean valid() {
        return !enforced || clockMs.getAsLong() < validUntil;
    }

    /** Milliseconds left; 0 when it has run out, Long.MAX_VALUE when not enforced. */
    public synchronized long remainingMs() {
        if (!enforced) {
            return Long.MAX_VALUE;
        }
        return validUntil == Long.MIN_VALUE ? 0 : Math.max(0, validUntil - clockMs.getAsLong());
    }
}
