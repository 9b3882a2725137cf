package io.cell0.coordinator.consensus;

/**
 * Tracks the newest applied index so callers can wait for it (the watch API and read-your-writes use
 * it). Waiting uses the monitor, woken on every apply.
 */
public final class AppliedIndexWaiter {
    private long applied;

    public synchronized void applied(long index) {
        if (index > applied) {
            applied = index;
            notifyAll();
        }
    }

    public synchronized long current() {
        return applied;
    }

    /** Waits until {@code index} is applied or {@code timeoutMs} passes; returns whether it was. */
    public synchronized boolean awaitApplied(long index, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (applied < index) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
