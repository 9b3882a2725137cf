package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.coordinator.fault.Op.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-made histories with versions, as the cluster reports them. */
class WriteSafetyCheckerTest {

    static Op w(String value, long version, long invoke, long complete) {
        return Op.write(1, "k", value, Outcome.OK, invoke, complete).withVersion(version);
    }

    static Op r(String value, long version, long invoke, long complete) {
        return Op.read(2, "k", value, invoke, complete).withVersion(version);
    }

    static Map<String, Map<String, Long>> finals(long v) {
        return Map.of("node-1", Map.of("k", v), "node-2", Map.of("k", v));
    }

    @Test
    void aValidHistoryHasNoViolation() {
        List<Op> h = List.of(w("a", 1, 0, 10), r("a", 1, 20, 30), w("b", 2, 40, 50),
                Op.write(3, "k", "lost-in-flight", Outcome.UNKNOWN, 45, 0), r("b", 2, 60, 70),
                Op.cas(1, "k", "a", "c", Outcome.OK, false, 80, 90));
        assertThat(WriteSafetyChecker.check(h, finals(2))).isEmpty();
    }

    @Test
    void anAcknowledgedWriteThatLaterReadsDoNotSeeIsLost() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 2, 20, 30), r("a", 1, 40, 50));
        assertThat(WriteSafetyChecker.check(h, finals(2))).extracting(WriteSafetyChecker.Violation::kind).containsExactly("lost");
    }

    /** A node whose final read failed (-1) is a liveness failure the run reports on its own, not a lost write. */
    @Test
    void aFailedFinalReadIsNotCountedAsALostWrite() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 2, 20, 30));
        assertThat(WriteSafetyChecker.check(h, Map.of("node-1", Map.of("k", 2L), "node-3", Map.of("k", -1L)))).isEmpty();
    }

    @Test
    void anAcknowledgedWriteMissingFromAFinalReadIsLost() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 2, 20, 30));
        var violations = WriteSafetyChecker.check(h, Map.of("node-1", Map.of("k", 2L), "node-3", Map.of("k", 1L)));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("lost");
            assertThat(v.detail()).contains("node-3");
        });
    }

    @Test
    void aValueSeenUnderTwoVersionsWasAppliedTwice() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 2, 20, 30), r("a", 3, 40, 50));
        assertThat(WriteSafetyChecker.check(h, finals(3))).extracting(WriteSafetyChecker.Violation::kind).containsExactly("applied-twice");
    }

    @Test
    void twoWritesAcknowledgedWithOneVersionAreCaught() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 1, 5, 12));
        assertThat(WriteSafetyChecker.check(h, finals(1))).extracting(WriteSafetyChecker.Violation::kind).contains("applied-twice");
    }

    @Test
    void aLostWriteIsFoundAmongManyOperationsQuickly() {
        List<Op> h = new java.util.ArrayList<>();
        long t = 0;
        for (int i = 1; i <= 50_000; i++) {
            h.add(w("v" + i, i, t, t + 5));
            h.add(r("v" + i, i, t + 6, t + 8));
            t += 10;
        }
        h.add(r("v49990", 49_990, t + 1, t + 2)); // long after v50000 was acknowledged
        assertThat(WriteSafetyChecker.check(h, finals(50_000))).extracting(WriteSafetyChecker.Violation::detail)
                .anySatisfy(d -> assertThat(d).contains("later read saw version 49990"));
    }

    @Test
    void aReadConcurrentWithTheWriteMaySeeTheOldVersion() {
        List<Op> h = List.of(w("a", 1, 0, 10), w("b", 2, 20, 40), r("a", 1, 30, 50));
        assertThat(WriteSafetyChecker.check(h, finals(2))).isEmpty();
    }
}
