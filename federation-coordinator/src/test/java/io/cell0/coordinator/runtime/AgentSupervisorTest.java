package io.cell0.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cell0.coordinator.core.ClusterState;
import io.cell0.coordinator.core.ClusterStateMachine;
import io.cell0.model.AgentConfig;
import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeRole;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.Resources;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeJoin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime's control loop against the real state machine core (in memory) and real processes:
 * agents placed here start, killed agents stop, exits are restarted per policy, and every change is
 * reported through (simulated) consensus until the state shows it.
 */
class AgentSupervisorTest {
    static final String SELF = "n1";

    /**
     * A one-node "cluster": proposals are applied to a ClusterState in order, as Raft would, and the
     * agents each index changed are remembered so the supervisor gets incremental answers.
     */
    static final class MemoryCluster implements AgentSupervisor.Cluster {
        final ClusterState state = ClusterState.empty();
        final java.util.TreeMap<Long, List<String>> changedAt = new java.util.TreeMap<>();
        long index;
        int fullAnswers;
        volatile boolean lease = true;
        volatile long leaseIndex;

        @Override
        public long leaseIndex() {
            return leaseIndex;
        }

        @Override
        public boolean leaseValid() {
            return lease;
        }

        @Override
        public String selfId() {
            return SELF;
        }

        @Override
        public synchronized AgentSupervisor.AgentChanges agentsOn(String nodeId, long since) {
            if (since == 0) {
                fullAnswers++;
                return new AgentSupervisor.AgentChanges(index, true,
                        state.agents().values().stream().filter(a -> a.usesNode(nodeId)).toList(), List.of());
            }
            List<AgentPlacement> here = new java.util.ArrayList<>();
            List<String> notHere = new java.util.ArrayList<>();
            changedAt.tailMap(since, false).values().stream().flatMap(List::stream).distinct().forEach(id ->
                    state.agent(id).filter(a -> a.usesNode(nodeId)).ifPresentOrElse(here::add, () -> notHere.add(id)));
            return new AgentSupervisor.AgentChanges(index, false, here, notHere);
        }

        @Override
        public synchronized CompletableFuture<CommandResult> propose(Command command) {
            CommandResult r = ClusterStateMachine.apply(state, ++index, command);
            changedAt.put(index, state.takeChanges().agents());
            notifyAll();
            return CompletableFuture.completedFuture(r);
        }

        @Override
        public synchronized void awaitChange(long timeoutMs) throws InterruptedException {
            wait(timeoutMs);
        }

        @Override
        public synchronized List<String> stoppingOn(String nodeId) {
            return state.agentsStoppingOn(nodeId);
        }

        synchronized AgentPlacement agent(String id) {
            return state.agent(id).orElse(null);
        }

        synchronized ReplicaStatus status(String id) {
            AgentPlacement a = state.agent(id).orElse(null);
            return a == null ? null : a.runtime().get(SELF);
        }
    }

    @TempDir
    Path dir;
    MemoryCluster cluster = new MemoryCluster();
    AgentSupervisor supervisor;

    AgentSupervisor newSupervisor() {
        return new AgentSupervisor(cluster, new ProcessAgentRuntime(), dir, Clock.systemUTC(), JsonMapper.builder().build(),
                Duration.ofSeconds(2), 50, 2_000);
    }

    void joinAndSpawn(String agent, String configJson) {
        cluster.propose(new NodeJoin(SELF, NodeRole.VOTER, "127.0.0.1:1", "127.0.0.1:2", "z", NodeCapabilities.NONE,
                new Resources(4000, 4096, 0, 1000), 1));
        CommandResult r = cluster.propose(new AgentSpawn(agent, new AgentConfig("demo", configJson, new Resources(100, 64, 0, 0), 1, "", 0),
                SELF, List.of(), 2)).join();
        assertThat(r.isAccepted()).as(r.message()).isTrue();
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    void joinOther() {
        cluster.propose(new NodeJoin("n2", NodeRole.VOTER, "127.0.0.2:1", "127.0.0.2:2", "z", NodeCapabilities.NONE,
                new Resources(4000, 4096, 0, 1000), 1));
    }

    @Test
    void aCopyMovedAwayIsStoppedAndItsStopConfirmed() throws Exception {
        joinAndSpawn("leaving", """
                {"command": "while true; do sleep 0.2; done"}""");
        joinOther();
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("leaving"));
        long pid = supervisor.runningPids().get("leaving");
        cluster.propose(new io.cell0.model.command.NodeDrain(SELF, true, 5));
        assertThat(cluster.propose(new io.cell0.model.command.AgentEvict("leaving", SELF, "node n1 is draining", 6)).join().isAccepted()).isTrue();
        assertThat(cluster.agent("leaving").stopping()).containsExactly(SELF);
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.agent("leaving").stopping().isEmpty());
        assertThat(supervisor.runningPids()).doesNotContainKey("leaving");
    }

    @Test
    void aCopyMovedHereStartsOnlyOnceTheOldNodeConfirmedItsCopyStopped() throws Exception {
        cluster.propose(new NodeJoin(SELF, NodeRole.VOTER, "127.0.0.1:1", "127.0.0.1:2", "z", NodeCapabilities.NONE,
                new Resources(4000, 4096, 0, 1000), 1));
        joinOther();
        assertThat(cluster.propose(new AgentSpawn("arriving", new AgentConfig("demo", """
                {"command": "while true; do sleep 0.2; done"}""", new Resources(100, 64, 0, 0), 1, "", 0),
                "n2", List.of(), 2)).join().isAccepted()).isTrue();
        cluster.propose(new io.cell0.model.command.NodeDrain("n2", true, 3));
        cluster.propose(new io.cell0.model.command.AgentEvict("arriving", "n2", "", 4));
        CommandResult placed = cluster.propose(new io.cell0.model.command.PlacementPlan("p", cluster.index,
                List.of(new io.cell0.model.command.PlacementPlan.Placement("arriving", List.of(SELF))), List.of(), 5)).join();
        assertThat(placed.isAccepted()).isTrue();
        assertThat(cluster.agent("arriving").primaryNode()).isEqualTo(SELF);
        supervisor = newSupervisor();
        supervisor.start();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> supervisor.runningPids().isEmpty());
        cluster.propose(new io.cell0.model.command.AgentStatusReport("arriving", "n2",
                new ReplicaStatus(RuntimePhase.STOPPED, -1, 0, "", 6), 6));
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("arriving"));
    }

    @Test
    void nothingStartsBeforeTheReplicaHasAppliedTheLeadersIndexFromTheLeaseGrant() throws Exception {
        joinAndSpawn("later", """
                {"command": "while true; do sleep 0.2; done"}""");
        cluster.leaseIndex = cluster.index + 5; // the leader had committed more than this replica has applied
        supervisor = newSupervisor();
        supervisor.start();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> supervisor.runningPids().isEmpty());
        for (int i = 0; i < 5; i++) {
            cluster.propose(new io.cell0.model.command.ConfigUpdate("k", Integer.toString(i), -1, 10 + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("later"));
    }

    @Test
    void withoutALeaseEveryAgentIsKilledAtOnceAndStartsAgainWhenTheLeaseIsBack() throws Exception {
        joinAndSpawn("fenced", """
                {"command": "trap '' TERM; while true; do sleep 0.2; done"}""");
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("fenced"));
        long pid = supervisor.runningPids().get("fenced");

        // The agent ignores SIGTERM: only an immediate SIGKILL (no 2 s grace) stops it this fast.
        cluster.lease = false;
        long lost = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat((System.nanoTime() - lost) / 1_000_000).as("ms from losing the lease to the agent being dead").isLessThan(1_500);
        assertThat(supervisor.runningPids()).isEmpty();

        cluster.lease = true;
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("fenced"));
        assertThat(supervisor.runningPids().get("fenced")).as("a new process").isNotEqualTo(pid);
    }

    @Test
    void withoutALeaseAnAgentThatChoseToKeepRunningIsLeftRunning() throws Exception {
        joinAndSpawn("stopper", """
                {"command": "while true; do sleep 0.2; done"}""");
        CommandResult r = cluster.propose(new AgentSpawn("keeper", new AgentConfig("demo", """
                {"command": "while true; do sleep 0.2; done"}""", new Resources(100, 64, 0, 0), 1, "", 0, List.of(), List.of(), true),
                SELF, List.of(), 3)).join();
        assertThat(r.isAccepted()).as(r.message()).isTrue();
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().keySet().containsAll(List.of("stopper", "keeper")));
        long stopper = supervisor.runningPids().get("stopper");
        long keeper = supervisor.runningPids().get("keeper");
        assertThat(dir.resolve("keeper").resolve(LeaseFence.KEEP_RUNNING_MARKER)).exists();
        assertThat(dir.resolve("stopper").resolve(LeaseFence.KEEP_RUNNING_MARKER)).doesNotExist();

        cluster.lease = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(stopper).map(h -> !h.isAlive()).orElse(true));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(keeper).map(ProcessHandle::isAlive).orElse(false));
        cluster.lease = true;
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.runningPids().containsKey("stopper"));
        assertThat(supervisor.runningPids().get("keeper")).as("the same process, never restarted").isEqualTo(keeper);
    }

    @Test
    void anAgentPlacedHereRunsInItsStateDirectoryAndStopsWhenKilled() throws Exception {
        joinAndSpawn("counter", """
                {"command": "while true; do echo tick >> ticks.txt; sleep 0.2; done"}""");
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cluster.status("counter")).isNotNull();
            assertThat(cluster.status("counter").phase()).isEqualTo(RuntimePhase.RUNNING);
        });
        long pid = supervisor.runningPids().get("counter");
        assertThat(ProcessHandle.of(pid)).isPresent();
        Path ticks = dir.resolve("counter").resolve("ticks.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ticks) && Files.readAllLines(ticks).size() >= 2);
        assertThat(Files.readString(dir.resolve("counter").resolve("agent.pid"))).startsWith(Long.toString(pid));

        cluster.propose(new AgentKill("counter", 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(supervisor.runningPids()).doesNotContainKey("counter");
        // After the first pass it only ever asked for what changed: the kill reached it incrementally.
        assertThat(cluster.fullAnswers).isEqualTo(1);
    }

    @Test
    void aFailingAgentIsRestartedPerItsPolicyThenMarkedFailed() {
        joinAndSpawn("crasher", """
                {"command": ["/bin/sh", "-c", "exit 3"], "restart": "on-failure", "max_restarts": 2}""");
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReplicaStatus s = cluster.status("crasher");
            assertThat(s).isNotNull();
            assertThat(s.phase()).isEqualTo(RuntimePhase.FAILED);
            assertThat(s.restarts()).isEqualTo(2);
            assertThat(s.exitCode()).isEqualTo(3);
        });
        assertThat(cluster.agent("crasher").state()).isEqualTo(AgentState.FAILED);
    }

    @Test
    void aCleanExitIsNotRestartedUnderOnFailure() {
        joinAndSpawn("once", """
                {"command": "true"}""");
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ReplicaStatus s = cluster.status("once");
            assertThat(s).isNotNull();
            assertThat(s.phase()).isEqualTo(RuntimePhase.EXITED);
            assertThat(s.exitCode()).isZero();
            assertThat(s.restarts()).isZero();
        });
    }

    @Test
    void anAgentWithoutACommandIsReportedRunningWithoutAProcess() {
        joinAndSpawn("virtual", "{}");
        supervisor = newSupervisor();
        supervisor.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ReplicaStatus s = cluster.status("virtual");
            assertThat(s).isNotNull();
            assertThat(s.phase()).isEqualTo(RuntimePhase.RUNNING);
            assertThat(s.message()).contains("no command");
        });
        assertThat(supervisor.runningPids()).isEmpty();
    }

    @Test
    void aProcessLeftByAnEarlierRunOfTheNodeIsReplacedNotDuplicated() throws Exception {
        joinAndSpawn("survivor", """
                {"command": ["sleep", "60"]}""");
        AgentSupervisor first = newSupervisor();
        first.reconcile();
        long oldPid = first.runningPids().get("survivor");
        // The node dies without stopping its agents (kill -9): a fresh supervisor takes over.
        supervisor = newSupervisor();
        supervisor.reconcile();
        long newPid = supervisor.runningPids().get("survivor");
        assertThat(newPid).isNotEqualTo(oldPid);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(oldPid).map(h -> !h.isAlive()).orElse(true));
        assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void closingTheSupervisorStopsEveryAgent() {
        joinAndSpawn("stopme", """
                {"command": ["sleep", "60"]}""");
        AgentSupervisor s = newSupervisor();
        s.reconcile();
        long pid = s.runningPids().get("stopme");
        s.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }
}
