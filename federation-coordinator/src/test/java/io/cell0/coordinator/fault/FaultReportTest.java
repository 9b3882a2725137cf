package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.coordinator.fault.Nemesis.Event;
import io.cell0.coordinator.fault.Nemesis.Kind;
import io.cell0.coordinator.fault.Op.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultReportTest {

    @Test
    void failoverRunsFromTheFaultToTheFirstWriteInvokedAfterItAndAcknowledged() {
        long ms = 1_000_000;
        List<Event> events = List.of(
                new Event(Kind.KILL_LEADER, "kill leader", true, 100 * ms, 2000 * ms),
                new Event(Kind.KILL_NODE, "kill a follower", false, 3000 * ms, 4000 * ms));
        List<Op> history = List.of(
                Op.write(1, "k", "before", Outcome.OK, 90 * ms, 400 * ms).withVersion(1), // invoked before the kill
                Op.write(2, "k", "timed-out", Outcome.UNKNOWN, 150 * ms, 0),
                Op.cas(3, "k", "x", "no-swap", Outcome.OK, false, 200 * ms, 300 * ms), // not a write that happened
                Op.write(2, "k", "first", Outcome.OK, 500 * ms, 850 * ms).withVersion(2),
                Op.write(3, "k", "second", Outcome.OK, 600 * ms, 900 * ms).withVersion(3));
        List<Double> failovers = FaultReport.failoverMillis(events, history);
        assertThat(failovers).containsExactly(750.0);
        assertThat(FaultReport.percentile(failovers, 99)).isEqualTo(750.0);
        assertThat(FaultReport.percentile(List.of(), 50)).isNaN();
    }
}
