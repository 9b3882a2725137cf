package io.cell0.coordinator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.model.AgentConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.Resources;
import io.cell0.model.RuntimePhase;
import io.cell0.model.codec.StateCodec;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.NodeStatusChange;
import io.cell0.model.command.PlacementPlan;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.NodeLeave;
import io.cell0.model.command.RejectReason;
import io.cell0.model.command.ResourceAlloc;
import io.cell0.model.command.ResourceFree;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Determinism, all-or-nothing rejection and snapshot round trips, over random command streams. */
class CoreDeterminismTest {

    /** A random but valid-looking stream over a small id space, so that many commands collide and get rejected. */
    static List<Command> randomCommands(long seed, int count) {
        Random r = new Random(seed);
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String node = "n" + r.nextInt(4);
            String agent = "a" + r.nextInt(6);
            String alloc = "r" + r.nextInt(8);
            long ts = 1000 + i;
            Resources res = new Resources(r.nextInt(3000), r.nextInt(4096), r.nextInt(2), r.nextInt(100));
            out.add(switch (r.nextInt(10)) {
                case 0 -> new NodeJoin(node, NodeRole.VOTER, node + ":9000", node + ":8080", "z" + r.nextInt(2), NodeCapabilities.NONE,
                        new Resources(4000, 8192, 2, 1000), ts);
                case 1 -> new NodeLeave(node, ts);
                case 2 -> new AgentSpawn(agent, new AgentConfig("demo", "{}", res, 1 + r.nextInt(2), "", 0), r.nextBoolean() ? node : "",
                        List.of(), ts, r.nextBoolean() ? "key" + r.nextInt(3) : "");
                case 3 -> new AgentKill(agent, ts);
                case 4 -> new ResourceAlloc(alloc, agent, node, res, 0, ts);
                case 5 -> new ResourceFree(alloc, ts);
                case 6 -> new PlacementPlan("p" + i, i, List.of(new PlacementPlan.Placement(agent,
                        r.nextBoolean() ? List.of(node) : List.of(node, "n" + r.nextInt(4)))),
                        List.of(new PlacementPlan.Deferred("a" + r.nextInt(6), "no room " + r.nextInt(2))), ts);
                case 7 -> new AgentStatusReport(agent, node, new ReplicaStatus(RuntimePhase.values()[r.nextInt(5)], r.nextInt(3) - 1,
                        r.nextInt(3), "", ts), ts);
                case 8 -> {
                    NodeStatus status = List.of(NodeStatus.HEALTHY, NodeStatus.SUSPECT, NodeStatus.DOWN).get(r.nextInt(3));
                    yield new NodeStatusChange(node, status, r.nextInt(3) == 0 ? 1 : 0, status == NodeStatus.DOWN && r.nextBoolean(), "", ts);
                }
                default -> new ConfigUpdate("k" + r.nextInt(3), Integer.toString(i), r.nextInt(3) - 1, ts);
            });
        }
        return out;
    }

    @Property(tries = 50)
    void theSameCommandsGiveTheSameStateEverywhere(@ForAll long seed) {
        List<Command> commands = randomCommands(seed, 300);
        ClusterState a = ClusterState.empty();
        ClusterState b = ClusterState.empty();
        List<CommandResult> ra = new ArrayList<>();
        List<CommandResult> rb = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            ra.add(ClusterStateMachine.apply(a, i + 1, commands.get(i)));
        }
        // The second replica receives the same log in batches of varying size, as Ratis may deliver it.
        int index = 0;
        for (int i = 0; i < commands.size(); ) {
            int n = Math.min(1 + i % 5, commands.size() - i);
            for (int j = 0; j < n; j++) {
                rb.add(ClusterStateMachine.apply(b, ++index, commands.get(i + j)));
            }
            i += n;
        }
        assertThat(b.view()).isEqualTo(a.view());
        assertThat(rb).isEqualTo(ra);
        assertThat(StateCodec.sha256Hex(b.view())).isEqualTo(StateCodec.sha256Hex(a.view()));
    }

    @Property(tries = 50)
    void aRejectedCommandChangesNothingButTheAppliedIndex(@ForAll long seed) {
        ClusterState s = ClusterState.empty();
        long index = 0;
        for (Command c : randomCommands(seed, 300)) {
            ClusterStateView before = s.view();
            CommandResult r = ClusterStateMachine.apply(s, ++index, c);
            if (!r.isAccepted()) {
                ClusterStateView after = s.view();
                assertThat(after.appliedIndex()).isEqualTo(index);
                assertThat(new ClusterStateView(before.appliedIndex(), after.epoch(), after.lastTerm(), after.config(), after.nodes(),
                        after.agents(), after.allocations())).as("rejected %s (%s)", c, r.message()).isEqualTo(before);
                assertThat(r.message()).isNotBlank();
            }
            assertInvariants(s);
        }
    }

    @Property(tries = 30)
    void restoringAViewGivesTheSameStateAndTheSameFuture(@ForAll long seed) {
        List<Command> commands = randomCommands(seed, 200);
        ClusterState original = ClusterState.empty();
        for (int i = 0; i < 100; i++) {
            ClusterStateMachine.apply(original, i + 1, commands.get(i));
        }
        ClusterState restored = ClusterState.restore(StateCodec.decode(StateCodec.encode(original.view())));
        assertThat(restored.view()).isEqualTo(original.view());
        for (int i = 100; i < 200; i++) {
            assertThat(ClusterStateMachine.apply(restored, i + 1, commands.get(i)))
                    .isEqualTo(ClusterStateMachine.apply(original, i + 1, commands.get(i)));
        }
        assertThat(restored.view()).isEqualTo(original.view());
    }

    /** Allocated amounts always equal the sum of allocations, and never exceed the total. */
    static void assertInvariants(ClusterState s) {
        s.nodes().values().forEach(n -> {
            Resources sum = s.allocations().values().stream().filter(a -> a.node().equals(n.id()))
                    .map(a -> a.resources()).reduce(Resources.ZERO, Resources::plus);
            assertThat(n.resources().allocated()).as("allocated on %s", n.id()).isEqualTo(sum);
            assertThat(n.resources().allocated().fitsWithin(n.resources().total())).isTrue();
        });
        s.allocations().values().forEach(a -> assertThat(s.agents()).containsKey(a.owner()));
        // Every copy of a placed agent holds its resources on its node, and no copy is on a node that left.
        s.agents().values().forEach(agent -> {
            List<String> nodes = agent.nodes();
            assertThat(nodes).doesNotHaveDuplicates();
            for (int i = 0; i < nodes.size(); i++) {
                assertThat(s.node(nodes.get(i)).orElseThrow().status()).as("node of %s", agent.agentId())
                        .isNotEqualTo(io.cell0.model.NodeStatus.LEFT);
                if (!agent.config().resources().isZero()) {
                    var held = s.allocation(PlacementRules.allocationId(agent.agentId(), i));
                    assertThat(held).as("allocation of copy %d of %s", i, agent.agentId()).isPresent();
                    assertThat(held.get().node()).isEqualTo(nodes.get(i));
                }
            }
            assertThat(agent.runtime().keySet()).as("runtime reports of %s", agent.agentId()).isSubsetOf(nodes);
        });
    }

    @Test
    void resourceArithmeticOverflowIsARejectionNotACrash() {
        ClusterState s = ClusterState.empty();
        ClusterStateMachine.apply(s, 1, new NodeJoin("n", NodeRole.VOTER, "", "", "", NodeCapabilities.NONE,
                new Resources(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1), 1));
        ClusterStateMachine.apply(s, 2, new AgentSpawn("a", new AgentConfig("t", "{}", Resources.ZERO, 1, "", 0), "n", List.of(), 2));
        assertThat(ClusterStateMachine.apply(s, 3, new ResourceAlloc("r1", "a", "n", new Resources(Long.MAX_VALUE, 1, 0, 0), 0, 3))
                .isAccepted()).isTrue();
        ClusterStateView before = s.view();
        CommandResult r = ClusterStateMachine.apply(s, 4, new ResourceAlloc("r2", "a", "n", new Resources(1, 1, 0, 0), 0, 4));
        assertThat(r.reason()).isEqualTo(RejectReason.INSUFFICIENT_CAPACITY);
        assertThat(s.view().nodes()).isEqualTo(before.nodes());
    }

    @Test
    void anEntryIsNeverAppliedTwice() {
        ClusterState s = ClusterState.empty();
        ClusterStateMachine.apply(s, 5, new ConfigUpdate("k", "1", -1, 1));
        assertThatThrownBy(() -> ClusterStateMachine.apply(s, 4, new ConfigUpdate("k", "2", -1, 2)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(s.configEntry("k").orElseThrow().valueJson()).isEqualTo("1");
    }

    @Test
    void commandsOfOneBatchShareItsIndex() {
        ClusterState s = ClusterState.empty();
        List<CommandResult> results = ClusterStateMachine.applyBatch(s, 7, List.of(new ConfigUpdate("a", "1", -1, 1),
                new ConfigUpdate("a", "2", 1, 1), new ConfigUpdate("a", "3", 1, 1)));
        assertThat(results).extracting(CommandResult::index).containsOnly(7L);
        assertThat(results).extracting(CommandResult::isAccepted).containsExactly(true, true, false);
        assertThat(s.configEntry("a").orElseThrow().valueJson()).isEqualTo("2");
        assertThat(s.appliedIndex()).isEqualTo(7);
    }
}
