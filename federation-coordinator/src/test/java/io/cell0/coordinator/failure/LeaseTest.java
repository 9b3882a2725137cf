package io.cell0.coordinator.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseTest {
    final AtomicLong now = new AtomicLong(10_000);

    @Test
    void aLeaseRunsFromWhenTheGrantedHeartbeatWasSent() {
        Lease lease = new Lease(2_500, now::get, true);
        assertThat(lease.valid()).as("none granted yet").isFalse();
        lease.granted(9_000, 40);
        assertThat(lease.index()).isEqualTo(40);
        assertThat(lease.remainingMs()).isEqualTo(1_500);
        now.set(11_499);
        assertThat(lease.valid()).isTrue();
        now.set(11_500);
        assertThat(lease.valid()).isFalse();
        lease.granted(8_000, 30);
        assertThat(lease.valid()).as("an older grant arriving late extends nothing").isFalse();
        assertThat(lease.index()).as("nor lowers the index").isEqualTo(40);
    }

    @Test
    void onlyAGrantAfterAGapRaisesTheIndex() {
        Lease lease = new Lease(2_500, now::get, true);
        lease.granted(10_000, 100);
        assertThat(lease.index()).isEqualTo(100);
        now.set(10_100);
        lease.granted(10_100, 105);
        assertThat(lease.index()).as("the lease held: a steady stream of grants does not move the bar").isEqualTo(100);
        now.set(20_000);
        lease.granted(19_900, 400);
        assertThat(lease.index()).as("back after a gap").isEqualTo(400);
    }

    @Test
    void withFailureDetectionOffTheLeaseNeverRunsOut() {
        Lease lease = new Lease(2_500, now::get, false);
        assertThat(lease.valid()).isTrue();
        assertThat(lease.remainingMs()).isEqualTo(Long.MAX_VALUE);
    }
}
