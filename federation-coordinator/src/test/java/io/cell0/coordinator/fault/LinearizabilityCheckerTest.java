package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.coordinator.fault.Op.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-made histories with a known verdict. Times are in arbitrary units. */
class LinearizabilityCheckerTest {
    final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void aSequentialHistoryIsLinearizable() {
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.read(2, "k", "a", 20, 30),
                Op.cas(1, "k", "a", "b", Outcome.OK, true, 40, 50),
                Op.read(2, "k", "b", 60, 70),
                Op.cas(2, "k", "a", "c", Outcome.OK, false, 80, 90))).ok()).isTrue();
    }

    @Test
    void concurrentOperationsMayBeOrderedEitherWay() {
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 100),
                Op.write(2, "k", "b", Outcome.OK, 10, 90),
                Op.read(3, "k", "a", 95, 120),
                Op.read(4, "k", "a", 130, 140))).ok()).isTrue();
    }

    @Test
    void aStaleReadIsCaught() {
        var r = checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(1, "k", "b", Outcome.OK, 20, 30),
                Op.read(2, "k", "a", 40, 50)));
        assertThat(r.ok()).isFalse();
        assertThat(r.key()).isEqualTo("k");
        assertThat(r.explanation()).contains("no linearization");
    }

    @Test
    void aLostAcknowledgedWriteIsCaught() {
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(2, "k", "b", Outcome.OK, 20, 30),
                Op.read(3, "k", "a", 40, 50),
                Op.read(3, "k", "a", 60, 70))).ok()).isFalse();
    }

    @Test
    void aWriteAppliedTwiceIsCaught() {
        // a, then b over it, then a again although a was written once: a was applied a second time.
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.read(2, "k", "a", 20, 30),
                Op.write(1, "k", "b", Outcome.OK, 40, 50),
                Op.read(2, "k", "b", 60, 70),
                Op.read(2, "k", "a", 80, 90))).ok()).isFalse();
    }

    @Test
    void aWriteThatAppearsBeforeItWasInvokedIsCaught() {
        assertThat(checker.check(List.of(
                Op.read(2, "k", "a", 0, 10),
                Op.write(1, "k", "a", Outcome.OK, 20, 30))).ok()).isFalse();
    }

    @Test
    void aWriteWithUnknownOutcomeMayHaveHappenedLateOrNever() {
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(2, "k", "b", Outcome.UNKNOWN, 20, 0),
                Op.read(3, "k", "a", 30, 40),
                Op.read(3, "k", "b", 50, 60),
                Op.read(3, "k", "b", 70, 80))).ok()).isTrue();
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(2, "k", "b", Outcome.UNKNOWN, 20, 0),
                Op.read(3, "k", "a", 30, 40))).ok()).isTrue();
    }

    @Test
    void aFailedWriteNeverHappened() {
        assertThat(checker.check(List.of(
                Op.write(1, "k", "a", Outcome.OK, 0, 10),
                Op.write(2, "k", "b", Outcome.FAIL, 20, 30),
                Op.read(3, "k", "b", 40, 50))).ok()).isFalse();
    }

    @Test
    void keysAreIndependent() {
        assertThat(checker.check(List.of(
                Op.write(1, "x", "a", Outcome.OK, 0, 10),
                Op.write(1, "y", "b", Outcome.OK, 20, 30),
                Op.read(2, "x", "a", 40, 50),
                Op.read(2, "y", null, 5, 15))).ok()).isTrue();
    }

    @Test
    void aLongRandomButCorrectHistoryIsAcceptedQuickly() {
        // Simulate a correct register: each op takes effect at a random instant inside its interval.
        Random random = new Random(42);
        record Timed(long at, Op op) {
        }
        List<Timed> effects = new ArrayList<>();
        for (int client = 0; client < 10; client++) {
            long t = random.nextInt(5);
            for (int i = 0; i < 60; i++) {
                long invoke = t;
                long complete = invoke + 1 + random.nextInt(30);
                long at = invoke + random.nextInt((int) (complete - invoke));
                effects.add(new Timed(at * 100 + client, random.nextBoolean()
                        ? Op.write(client, "k", client + "-" + i, Outcome.OK, invoke, complete)
                        : Op.read(client, "k", null, invoke, complete)));
                t = complete + random.nextInt(5);
            }
        }
        effects.sort((a, b) -> Long.compare(a.at(), b.at()));
        String value = null;
        List<Op> history = new ArrayList<>();
        for (Timed e : effects) {
            Op op = e.op();
            if (op.type() == Op.Type.WRITE) {
                value = op.value();
                history.add(op);
            } else {
                history.add(Op.read(op.client(), op.key(), value, op.invokeNs(), op.completeNs()));
            }
        }
        assertThat(checker.check(history).ok()).isTrue();
    }

    /** Many concurrent writes of unknown outcome explode the search: a small budget ends it as undecided, not as a verdict. */
    @Test
    void aSearchBeyondItsBudgetIsReportedUndecidedNotPassedSilently() {
        List<Op> ops = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.add(Op.write(i % 10, "k", "v" + i, Op.Outcome.UNKNOWN, i, 0));
        }
        ops.add(Op.read(99, "k", "nope", 100, 110));
        var r = new LinearizabilityChecker(20_000_000, 64_000).check(ops);
        assertThat(r.undecided()).hasSize(1);
        assertThat(r.undecided().get(0)).startsWith("k (").contains("undecided");
        assertThat(r.explanation()).contains("1 key(s) undecided");
    }
}
