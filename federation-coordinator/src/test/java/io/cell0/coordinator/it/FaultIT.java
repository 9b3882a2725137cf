package io.cell0.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The short fault runs of the normal test suite (the long soak is {@code ./cell0 torture}): 3 and
 * 5 real coordinator processes in a private network namespace, ten clients, a seeded nemesis of
 * partitions, crashes and pauses with constant snapshots, then heal and every checker. Plus the
 * negative control: reads served from each node's local replica while nodes are cut off must be
 * reported as not linearizable, or the checker proves nothing.
 *
 * <p>Replay with {@code -Dcell0.fault.seed=S}; lengthen with {@code -Dcell0.fault.seconds=N}. The
 * history, fault schedule, report and node logs of every run are kept under
 * {@code target/fault-runs/}.
 */
class FaultIT {
    static final Path RUNS = Path.of("target", "fault-runs");

    static long seed() {
        return Long.getLong("cell0.fault.seed", ThreadLocalRandom.current().nextLong());
    }

    static FaultLauncher.Result run(String name, int nodes, long seconds, long seed, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--nodes", Integer.toString(nodes), "--seconds", Long.toString(seconds),
                "--seed", Long.toString(seed)));
        args.addAll(List.of(extra));
        Path out = RUNS.resolve(name + "-" + seed);
        return FaultLauncher.run(args, out, Duration.ofMinutes(15));
    }

    static void assertClean(FaultLauncher.Result r, long seed) throws Exception {
        assertThat(r.report()).as("report of the run with seed %d in %s", seed, r.out()).isNotNull();
        JsonNode report = r.report();
        assertThat(report.path("violations")).as("violations (seed %d, see %s)", seed, r.out()).isEmpty();
        assertThat(r.exitCode()).as("exit code, seed %d: %s", seed, Files.readString(r.out().resolve("report.txt"))).isZero();
        assertThat(report.path("acknowledged_writes").asLong()).as("the workload made progress").isGreaterThan(50);
        assertThat(report.path("terms_with_a_leader").asInt()).as("role changes were logged, so election safety was checked").isPositive();
        assertThat(report.path("faults").size()).as("faults of several kinds ran").isGreaterThan(1);
        assertThat(report.path("converged").asBoolean()).isTrue();
    }

    @Test
    void threeNodesUnderPartitionsCrashesAndPausesStayLinearizable() throws Exception {
        long seed = seed();
        var r = run("3-nodes", 3, Long.getLong("cell0.fault.seconds", 100), seed, "--agents", "3");
        assertClean(r, seed);
        assertThat(r.report().path("agents").asInt()).as("agents ran through the faults").isEqualTo(3);
    }

    @Test
    void fiveNodesUnderPartitionsCrashesAndPausesStayLinearizable() throws Exception {
        long seed = seed();
        var r = run("5-nodes", 5, Long.getLong("cell0.fault.seconds", 100), seed);
        assertClean(r, seed);
    }

    /**
     * A node cut off for 30 s while clients write (first a follower, then the leader) must have
     * caught up and serve a linearizable read within 10 s of the heal: stalled TCP connections
     * from before the cut must not keep it deaf (see {@link RecoveryScenario}). Three agents run
     * meanwhile: the cut-off node's stop when its lease ends and run elsewhere, never on two nodes.
     */
    @Test
    void aNodeCutOffForHalfAMinuteServesAgainWithinSecondsOfTheHeal() throws Exception {
        String why = FaultLauncher.partitionsUnavailable();
        Assumptions.assumeTrue(why == null, () -> "skipped: this scenario cuts links and " + why);
        long seed = seed();
        var r = run("recovery", 3, 100, seed, "--scenario", "recovery", "--agents", "3");
        assertThat(r.report()).as("report of %s", r.out()).isNotNull();
        assertThat(r.report().path("violations")).as("violations (see %s)", r.out()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.report().path("recovery_rounds")).as("a follower round and a leader round").hasSize(2);
        assertThat(r.report().path("converged").asBoolean()).isTrue();
    }

    @Test
    void aFailedRunLeavesNoNamespaceAndNoProcessBehind() throws Exception {
        Path out = RUNS.resolve("failing-" + System.nanoTime());
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        var r = FaultLauncher.run(List.of("--no-such-option", "x"), out, Duration.ofMinutes(2));
        assertThat(r.exitCode()).as("the run itself fails").isEqualTo(2);
        assertThat(r.report()).isNull();
        assertThat(ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid())).filter(ProcessHandle::isAlive))
                .as("processes left running").isEmpty();
        if (FaultLauncher.partitionsUnavailable() == null) {
            Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            String namespaces = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            list.waitFor();
            assertThat(namespaces).as("namespaces left behind").doesNotContain("cell0f-" + ProcessHandle.current().pid() + "-");
        }
    }

    @Test
    void negativeControlStaleReadsFromCutOffNodesAreCaught() throws Exception {
        Assumptions.assumeTrue(FaultLauncher.partitionsUnavailable() == null,
                () -> "the negative control cuts nodes off and needs partitions: " + FaultLauncher.partitionsUnavailable());
        long seed = seed();
        var r = run("negative-control", 3, 40, seed, "--negative-control");
        assertThat(r.report()).as("report in %s", r.out()).isNotNull();
        assertThat(r.report().path("faults").path("isolate_leader").asInt() + r.report().path("faults").path("isolate_node").asInt())
                .as("nodes were cut off").isPositive();
        assertThat(r.report().path("linearizable").asBoolean())
                .as("stale reads during partitions must be reported (seed %d, %s)", seed, r.out()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
