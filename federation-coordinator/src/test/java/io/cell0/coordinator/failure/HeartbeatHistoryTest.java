package io.cell0.coordinator.failure;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** phi of the accrual detector: quiet while heartbeats are on time, rising steeply after the acceptable pause. */
class HeartbeatHistoryTest {
    static HeartbeatHistory regular(long intervalMs, int beats, long pauseMs) {
        HeartbeatHistory h = new HeartbeatHistory(1000, intervalMs, 100, pauseMs);
        for (int i = 0; i < beats; i++) {
            h.heartbeat(i * intervalMs);
        }
        return h;
    }

    @Test
    void onTimeHeartbeatsKeepPhiNearZero() {
        HeartbeatHistory h = regular(100, 50, 1000);
        long last = h.lastHeartbeatMs();
        assertThat(h.phi(last + 100)).isLessThan(0.1);
        assertThat(h.meanIntervalMs()).isBetween(95.0, 105.0);
    }

    @Test
    void aSilenceWithinTheAcceptablePauseCostsNothingAndALongOneCrossesTheThreshold() {
        HeartbeatHistory h = regular(100, 50, 1000);
        long last = h.lastHeartbeatMs();
        assertThat(h.phi(last + 1_000)).as("paused for the acceptable pause").isLessThan(1);
        assertThat(h.phi(last + 1_300)).as("only a little unusual").isBetween(1.0, 3.0);
        assertThat(h.phi(last + 1_450)).as("suspect by then").isGreaterThan(3);
        assertThat(h.phi(last + 2_000)).as("down well before 2 s").isGreaterThan(8);
    }

    @Test
    void beforeAnyHeartbeatPhiIsZeroAndSilentSinceStartsTheCount() {
        HeartbeatHistory h = new HeartbeatHistory(10, 100, 100, 1000);
        assertThat(h.phi(5_000)).isZero();
        h.silentSince(1_000);
        assertThat(h.heard()).isFalse();
        assertThat(h.phi(1_500)).isLessThan(1);
        assertThat(h.phi(4_000)).isGreaterThan(8);
        h.heartbeat(4_000);
        assertThat(h.meanIntervalMs()).as("the silence before the first heartbeat is no sample").isEqualTo(100.0);
    }

    @Test
    void aSilenceStartAheadCountsNothingUntilThenAndTheFirstHeartbeatReplacesIt() {
        HeartbeatHistory h = new HeartbeatHistory(10, 100, 100, 1000);
        h.silentSince(3_000);
        assertThat(h.phi(2_500)).isZero();
        h.heartbeat(2_600);
        assertThat(h.lastHeartbeatMs()).isEqualTo(2_600);
        assertThat(h.phi(4_300)).as("1.7 s after the real heartbeat").isGreaterThan(8);
    }

    @Test
    void theWindowForgetsOldIntervals() {
        HeartbeatHistory h = new HeartbeatHistory(4, 100, 1, 0);
        long t = 0;
        for (int i = 0; i < 10; i++) {
            h.heartbeat(t += 1_000);
        }
        assertThat(h.meanIntervalMs()).isEqualTo(1000.0);
        assertThat(h.stdDeviationMs()).isZero();
    }

    @Test
    void anOutageIsNoSampleSoTheNextFailureIsSeenAsFast() {
        HeartbeatHistory h = regular(100, 50, 1000);
        long back = h.lastHeartbeatMs() + 20_000; // down and restarted
        for (int i = 0; i < 20; i++) {
            h.heartbeat(back + i * 100L);
        }
        assertThat(h.meanIntervalMs()).isBetween(95.0, 105.0);
        assertThat(h.phi(h.lastHeartbeatMs() + 2_000)).isGreaterThan(8);
    }

    @Property(tries = 200)
    void phiNeverFallsAsTheSilenceGrows(@ForAll @LongRange(min = 10, max = 2_000) long interval,
                                         @ForAll @LongRange(min = 0, max = 5_000) long pause,
                                         @ForAll @LongRange(min = 0, max = 60_000) long a,
                                         @ForAll @LongRange(min = 0, max = 60_000) long b) {
        HeartbeatHistory h = regular(interval, 20, pause);
        long last = h.lastHeartbeatMs();
        double pa = h.phi(last + Math.min(a, b));
        double pb = h.phi(last + Math.max(a, b));
        assertThat(pb).isGreaterThanOrEqualTo(pa);
        assertThat(pa).isNotNaN().isBetween(0.0, 1000.0);
    }
}
