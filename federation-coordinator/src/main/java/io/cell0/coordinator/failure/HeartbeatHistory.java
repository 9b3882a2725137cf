package io.cell0.coordinator.failure;

/**
 * The phi-accrual failure detector for one node (Hayashibara et al., as used by Akka and Cassandra):
 * from the intervals between the heartbeats seen so far it estimates how unlikely the current
 * silence is, as {@code phi = -log10(P(a heartbeat arrives later than now))}. phi 1 means a 10 %
 * chance the node is merely late, phi 8 one in 10^8.
 *
 * <p>The interval distribution is taken as normal, with the mean raised by the acceptable pause and
 * the standard deviation kept above a floor; the tail probability uses the logistic approximation
 * of the normal distribution's CDF. Times are milliseconds on one monotonic clock; nothing here
 * reads a clock. Not thread-safe.
 */
public final class HeartbeatHistory {
    private final long[] intervals;
    private final long minStdDeviationMs;
    private final long acceptablePauseMs;
    private final long longestSampleMs;
    private int count;
    private int next;
    private double sum;
    private double sumOfSquares;
    private long last = Long.MIN_VALUE;
    private boolean lastWasReal;

    /**
     * @param firstIntervalMs the expected interval, used as a first sample (with a spread of a
     *                        quarter of it either way) so phi is meaningful after one heartbeat
     */
    public HeartbeatHistory(int window, long firstIntervalMs, long minStdDeviationMs, long acceptablePauseMs) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2");
        }
        this.intervals = new long[window];
        this.minStdDeviationMs = minStdDeviationMs;
        this.acceptablePauseMs = acceptablePauseMs;
        this.longestSampleMs = Math.max(acceptablePauseMs, 10 * firstIntervalMs);
        long spread = Math.max(1, firstIntervalMs / 4);
        add(firstIntervalMs - spread);
        add(firstIntervalMs + spread);
    }

    /**
     * A heartbeat arrived at {@code nowMs}. A gap longer than the acceptable pause (and at least ten
     * expected intervals) is an outage, not jitter: it is not taken as a sample, or a node that was
     * down or restarted for a while would make the detector slow to notice its next failure.
     */
    public void heartbeat(long nowMs) {
        if (lastWasReal && nowMs >= last && nowMs - last <= longestSampleMs) {
            add(nowMs - last);
        }
        // The first real heartbeat replaces a silence start that {@link #silentSince} may have put ahead of it.
        last = lastWasReal ? Math.max(last, nowMs) : nowMs;
        lastWasReal = true;
    }

    /**
     * Counts silence from {@code nowMs} as if a heartbeat had arrived then, without taking an
     * interval sample: a new leader starts judging a node it has not heard from yet this way.
     */
    public void silentSince(long nowMs) {
        if (!seen()) {
            last = nowMs;
        }
    }

    /** Whether a real heartbeat has arrived (not only {@link #silentSince}). */
    public boolean heard() {
        return lastWasReal;
    }

    /** Whether silence is being counted at all. */
    public boolean seen() {
        return last != Long.MIN_VALUE;
    }

    public long lastHeartbeatMs() {
        return last;
    }

    private void add(long interval) {
        if (count == intervals.length) {
            long old = intervals[next];
            sum -= old;
            sumOfSquares -= (double) old * old;
        } else {
            count++;
        }
        intervals[next] = interval;
        next = (next + 1) % intervals.length;
        sum += interval;
        sumOfSquares += (double) interval * interval;
    }

    public double meanIntervalMs() {
        return sum / count;
    }

    public double stdDeviationMs() {
        double mean = meanIntervalMs();
        return Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
    }

    /** phi at {@code nowMs}; 0 before the first heartbeat and before a silence start still ahead. Never NaN; capped at 1000. */
    public double phi(long nowMs) {
        if (!seen()) {
            return 0;
        }
        double elapsed = Math.max(0, nowMs - last);
        double mean = meanIntervalMs() + acceptablePauseMs;
        double std = Math.max(stdDeviationMs(), minStdDeviationMs);
        double y = (elapsed - mean) / std;
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        // P(later than now): for large y, e is tiny and e / (1 + e) keeps precision; for small y use 1 - 1/(1+e).
        double later = elapsed > mean ? e / (1.0 + e) : 1.0 - 1.0 / (1.0 + e);
        if (later <= 0 || Double.isNaN(later)) {
            return 1000;
        }
        return Math.max(0.0, Math.min(1000, -Math.log10(later)));
    }
}
