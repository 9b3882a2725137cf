package io.cell0.model.codec;

import io.cell0.model.AgentConfig;
import io.cell0.model.AgentPlacement;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.RuntimePhase;
import io.cell0.model.AgentState;
import io.cell0.model.ClusterConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.ConfigEntry;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.NodeStatusChange;
import io.cell0.model.command.NodeDrain;
import io.cell0.model.command.AgentEvict;
import io.cell0.model.command.PlacementPlan;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.NodeLeave;
import io.cell0.model.command.RejectReason;
import io.cell0.model.command.ResourceAlloc;
import io.cell0.model.command.ResourceFree;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every model record and command, with valid but otherwise arbitrary values. */
final class Generators {
    private Generators() {
    }

    static Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
                .ofMinLength(1).ofMaxLength(40).filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    }

    /** Any unicode text, including the empty string. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(60).filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    }

    static Arbitrary<Long> anyLong() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
    }

    static Arbitrary<Long> nonNegative() {
        return Arbitraries.oneOf(Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(0L, Long.MAX_VALUE));
    }

    static Arbitrary<Resources> resources() {
        return Combinators.combine(nonNegative(), nonNegative(), nonNegative(), nonNegative()).as(Resources::new);
    }

    static Arbitrary<AgentConfig> agentConfigs() {
        return Combinators.combine(text().filter(s -> !s.isBlank()), text(), resources(), Arbitraries.integers().between(1, 1000),
                text(), Arbitraries.integers(), ids().list().ofMaxSize(3), ids().list().ofMaxSize(3))
                .as(AgentConfig::new).flatMap(c -> Arbitraries.of(true, false).map(keep -> new AgentConfig(c.agentType(), c.configJson(),
                        c.resources(), c.replicas(), c.preferredZone(), c.priority(), c.requiredData(), c.allowedZones(), keep)));
    }

    static Arbitrary<NodeCapabilities> capabilities() {
        return ids().list().ofMaxSize(5).map(NodeCapabilities::new);
    }

    static Arbitrary<Command> commands() {
        Arbitrary<Command> spawn = Combinators.combine(ids(), agentConfigs(), Arbitraries.oneOf(ids(), Arbitraries.just("")),
                ids().list().ofMaxSize(4), anyLong(), Arbitraries.oneOf(text(), Arbitraries.just("")))
                .as(AgentSpawn::new);
        Arbitrary<Command> kill = Combinators.combine(ids(), anyLong()).as(AgentKill::new);
        Arbitrary<Command> alloc = Combinators.combine(ids(), ids(), ids(), resources(), anyLong(), anyLong()).as(ResourceAlloc::new);
        Arbitrary<Command> free = Combinators.combine(ids(), anyLong()).as(ResourceFree::new);
        Arbitrary<Command> config = Combinators.combine(ids(), text(), Arbitraries.longs().greaterOrEqual(-1), anyLong())
                .as(ConfigUpdate::new);
        Arbitrary<Command> join = Combinators.combine(ids(), Arbitraries.of(NodeRole.class), text(), text(), text(), capabilities(),
                resources(), anyLong()).as(NodeJoin::new).flatMap(j -> Arbitraries.oneOf(text(), Arbitraries.just("")).map(key ->
                        new NodeJoin(j.nodeId(), j.role(), j.address(), j.apiAddress(), j.zone(), j.capabilities(), j.capacity(),
                                j.timestamp(), key)));
        Arbitrary<Command> leave = Combinators.combine(ids(), anyLong()).as(NodeLeave::new);
        Arbitrary<PlacementPlan.Placement> placement = Combinators.combine(ids(), ids().list().ofMinSize(1).ofMaxSize(3))
                .as(PlacementPlan.Placement::new);
        Arbitrary<Command> plan = Combinators.combine(ids(), nonNegative(),
                placement.list().ofMaxSize(5).uniqueElements(PlacementPlan.Placement::agentId),
                Combinators.combine(ids(), text()).as(PlacementPlan.Deferred::new).list().ofMaxSize(3), anyLong())
                .as(PlacementPlan::new);
        Arbitrary<Command> status = Combinators.combine(ids(), ids(), replicaStatuses(), anyLong()).as(AgentStatusReport::new);
        Arbitrary<Command> nodeStatus = Combinators.combine(ids(), Arbitraries.of(NodeStatus.HEALTHY, NodeStatus.SUSPECT, NodeStatus.DOWN),
                        nonNegative(), Arbitraries.of(true, false), text().filter(t -> t.length() <= 512), anyLong())
                .as((id, st, term, release, reason, ts) -> new NodeStatusChange(id, st, term, release && st == NodeStatus.DOWN, reason, ts));
        Arbitrary<Command> drain = Combinators.combine(ids(), Arbitraries.of(true, false), anyLong()).as(NodeDrain::new);
        Arbitrary<Command> evict = Combinators.combine(ids(), ids(), text(), anyLong()).as(AgentEvict::new);
        return Arbitraries.oneOf(spawn, kill, alloc, free, config, join, leave, plan, status, nodeStatus, drain, evict);
    }

    static Arbitrary<ReplicaStatus> replicaStatuses() {
        return Combinators.combine(Arbitraries.of(RuntimePhase.class), Arbitraries.integers(), Arbitraries.integers().between(0, 1000),
                text(), anyLong()).as(ReplicaStatus::new);
    }

    static Arbitrary<CommandResult> results() {
        return Combinators.combine(nonNegative(), Arbitraries.of(RejectReason.class).injectNull(0.4), text(), anyLong())
                .as(CommandResult::new);
    }

    private record NodeTail(long lastHeartbeat, long joinedAt, String zone, boolean draining, String identityKey) {
    }

    static Arbitrary<NodeInfo> nodes() {
        Arbitrary<ResourceCapacity> capacity = resources().flatMap(total -> Arbitraries.longs()
                .between(0, Math.min(total.cpuMillis(), 1000)).map(used -> new ResourceCapacity(total, new Resources(used, 0, 0, 0))));
        Arbitrary<NodeTail> tail = Combinators.combine(anyLong(), anyLong(), text(), Arbitraries.of(true, false),
                Arbitraries.oneOf(text(), Arbitraries.just(""))).as(NodeTail::new);
        return Combinators.combine(ids(), Arbitraries.of(NodeRole.class), text(), text(), capabilities(), capacity,
                Arbitraries.of(NodeStatus.class), tail).as((id, role, addr, api, caps, cap, status, t) ->
                        new NodeInfo(id, role, addr, api, caps, cap, status, t.lastHeartbeat(), t.joinedAt(), t.zone(), t.draining(), t.identityKey()));
    }

    static Arbitrary<AgentPlacement> agents() {
        Arbitrary<TreeMap<String, ReplicaStatus>> runtime = Arbitraries.maps(ids(), replicaStatuses()).ofMaxSize(3).map(TreeMap::new);
        Arbitrary<AgentPlacement> base = Combinators.combine(ids(), agentConfigs(), Arbitraries.oneOf(ids(), Arbitraries.just("")),
                ids().list().ofMaxSize(3), Arbitraries.of(AgentState.class), anyLong(), anyLong(), text()).as(AgentPlacement::new);
        return Combinators.combine(base, runtime, Arbitraries.oneOf(text(), Arbitraries.just("")), ids().list().ofMaxSize(2))
                .as((a, rt, key, stopping) -> new AgentPlacement(a.agentId(), a.config(), a.primaryNode(), a.replicaNodes(), a.state(),
                        a.createdAt(), a.lastMigration(), a.pendingReason(), rt, key, stopping));
    }

    static Arbitrary<ResourceAllocation> allocations() {
        return Combinators.combine(ids(), ids(), resources(), ids(), anyLong(), anyLong()).as(ResourceAllocation::new);
    }

    static Arbitrary<ConfigEntry> configEntries() {
        return Combinators.combine(ids(), text(), anyLong()).as(ConfigEntry::new);
    }

    static <V> Arbitrary<TreeMap<String, V>> mapOf(Arbitrary<V> values, Function<V, String> key) {
        return values.list().ofMaxSize(8).map(list -> list.stream()
                .collect(Collectors.toMap(key, v -> v, (a, b) -> a, TreeMap::new)));
    }

    static Arbitrary<ClusterStateView> states() {
        return Combinators.combine(nonNegative(), nonNegative(), nonNegative(), nonNegative(),
                mapOf(configEntries(), ConfigEntry::key), mapOf(nodes(), NodeInfo::id), mapOf(agents(), AgentPlacement::agentId),
                mapOf(allocations(), ResourceAllocation::id))
                .as((applied, epoch, term, version, config, nodes, agents, allocs) ->
                        new ClusterStateView(applied, epoch, term, new ClusterConfig(version, config), nodes, agents, allocs));
    }

}
