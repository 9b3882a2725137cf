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
    void withFailureDetectionOffTheLeaseNeverRunsOut() {
        Lease lease = new Lease(2_500, now::get, false);
        assertThat(lease.valid()).isTrue();
        assertThat(lease.remainingMs()).isEqualTo(Long.MAX_VALUE);
    }
}
