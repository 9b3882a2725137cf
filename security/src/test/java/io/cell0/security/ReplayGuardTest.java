package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.security.ReplayGuard.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long T = NOW.toEpochMilli();

    private final ReplayGuard guard = new ReplayGuard(WINDOW, 10_000);

    @Test
    void aRepeatIsRejectedButTheSameNonceFromAnotherSenderIsNot() {
        assertThat(guard.check("n-a", "nonce-1", T, NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.check("n-a", "nonce-1", T, NOW)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check("n-a", "nonce-1", T, NOW.plusSeconds(10))).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.check("n-b", "nonce-1", T, NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.check("n-a", "nonce-2", T, NOW)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void timestampsOutsideTheWindowAreStaleAndItsEdgesAreInside() {
        long w = WINDOW.toMillis();
        assertThat(guard.check("n-a", "1", T - w - 1, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check("n-a", "2", T + w + 1, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check("n-a", "3", T - w, NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.check("n-a", "4", T + w, NOW)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.check("n-a", "5", Long.MIN_VALUE, NOW)).isEqualTo(Verdict.STALE);
        assertThat(guard.check("n-a", "6", Long.MAX_VALUE, NOW)).isEqualTo(Verdict.STALE);
    }

    @Test
    void entriesAreForgottenOnceTheirTimestampLeavesTheWindowAndAReplayIsThenStale() {
        for (int i = 0; i < 5_000; i++) {
            assertThat(guard.check("n-a", "old-" + i, T, NOW)).isEqualTo(Verdict.ACCEPTED);
        }
        assertThat(guard.size()).isEqualTo(5_000);
        Instant later = NOW.plus(WINDOW).plusMillis(1);
        assertThat(guard.check("n-a", "new", later.toEpochMilli(), later)).isEqualTo(Verdict.ACCEPTED);
        assertThat(guard.size()).isEqualTo(1);
        assertThat(guard.check("n-a", "old-7", T, later)).as("forgotten, but still refused").isEqualTo(Verdict.STALE);
    }

    @Test
    void anEntryIsKeptWhileItsTimestampIsStillAcceptable() {
        assertThat(guard.check("n-a", "x", T, NOW)).isEqualTo(Verdict.ACCEPTED);
        Instant edge = NOW.plus(WINDOW);
        assertThat(guard.check("n-a", "x", T, edge)).isEqualTo(Verdict.REPLAYED);
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void aFullGuardRefusesInsteadOfForgetting() {
        ReplayGuard small = new ReplayGuard(WINDOW, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(small.check("n-a", "n" + i, T, NOW)).isEqualTo(Verdict.ACCEPTED);
        }
        assertThat(small.check("n-a", "n3", T, NOW)).isEqualTo(Verdict.FULL);
        assertThat(small.check("n-a", "n0", T, NOW)).isEqualTo(Verdict.REPLAYED);
        Instant later = NOW.plus(WINDOW).plusMillis(1);
        assertThat(small.check("n-a", "n3", later.toEpochMilli(), later)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void anEarlierNowFromAnotherThreadCannotReopenAForgottenWindow() {
        assertThat(guard.check("n-a", "x", T, NOW)).isEqualTo(Verdict.ACCEPTED);
        Instant later = NOW.plus(WINDOW).plusSeconds(5);
        assertThat(guard.check("n-a", "y", later.toEpochMilli(), later)).isEqualTo(Verdict.ACCEPTED);
        // "x" has been forgotten; a caller with a slightly older clock must still not accept it again.
        assertThat(guard.check("n-a", "x", T, NOW.plus(WINDOW).minusSeconds(1))).isEqualTo(Verdict.STALE);
    }

    @Test
    void concurrentChecksAcceptEachPairExactlyOnce() throws Exception {
        int threads = 8;
        int nonces = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    // Every nonce is submitted by every thread, in a different order.
                    for (int i = 0; i < nonces; i++) {
                        int n = (i * 7 + offset * 251) % nonces;
                        Verdict v = guard.check("n-" + (n % 3), "nonce-" + n, T + (n % 1000), NOW);
                        (v == Verdict.ACCEPTED ? accepted : replayed).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(nonces);
        assertThat(replayed.get()).isEqualTo(nonces * (threads - 1));
        assertThat(guard.size()).isEqualTo(nonces);
    }
}
