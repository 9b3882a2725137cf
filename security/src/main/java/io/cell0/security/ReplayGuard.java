package io.cell0.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Refuses a signed message seen before. A message is accepted once when its timestamp is within
 * {@code window} of now and its (sender, nonce) pair has not been accepted while it could still be
 * replayed.
 *
 * <p>Why memory stays bounded: a pair needs remembering only while its timestamp is still acceptable,
 * i.e. until {@code timestamp + window}; after that the timestamp check alone refuses a replay. Each
 * call first forgets pairs past that point. On top of that {@code maxEntries} caps the memory under a
 * flood, and when full the guard refuses ({@link Verdict#FULL}) rather than forgets: failing closed
 * costs a retry, failing open would allow a replay.
 *
 * <p>This relies on the timestamp being covered by the same signature as the nonce (as in
 * {@link SignedEnvelope}), so an attacker cannot refresh an old message's timestamp. Callers may pass
 * slightly different {@code now}s from different threads; the lower bound of the window uses the latest
 * {@code now} seen, so forgetting never runs ahead of the staleness check. Thread-safe (one lock; the
 * work under it is a hash lookup and a heap operation).
 */
public final class ReplayGuard {
    public enum Verdict { ACCEPTED, REPLAYED, STALE, FULL }

    private record Key(String sender, String nonce) {
    }

    private record Expiry(Key key, long atMillis) {
    }

    private final long windowMillis;
    private final int maxEntries;
    private final Map<Key, Long> seen = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));
    private long latestNowMillis = Long.MIN_VALUE;

    public ReplayGuard(Duration window, int maxEntries) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.windowMillis = window.toMillis();
        this.maxEntries = maxEntries;
    }

    /** Checks and, if accepted, remembers the pair. */
    public synchronized Verdict check(String senderId, String nonce, long timestampMillis, Instant now) {
        if (senderId == null || nonce == null) {
            throw new IllegalArgumentException("sender and nonce are required");
        }
        long nowMillis = now.toEpochMilli();
        latestNowMillis = Math.max(latestNowMillis, nowMillis);
        evictUpTo(latestNowMillis);
        if (timestampMillis < latestNowMillis - windowMillis || timestampMillis > nowMillis + windowMillis) {
            return Verdict.STALE;
        }
        Key key = new Key(senderId, nonce);
        if (seen.containsKey(key)) {
            return Verdict.REPLAYED;
        }
        if (seen.size() >= maxEntries) {
            return Verdict.FULL;
        }
        long expiry = timestampMillis + windowMillis;
        seen.put(key, expiry);
        byExpiry.add(new Expiry(key, expiry));
        return Verdict.ACCEPTED;
    }

    /** How many pairs are remembered now; for tests and metrics. */
    public synchronized int size() {
        return seen.size();
    }

    private void evictUpTo(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().atMillis < nowMillis) {
            Expiry e = byExpiry.poll();
            seen.remove(e.key, e.atMillis);
        }
    }
}
