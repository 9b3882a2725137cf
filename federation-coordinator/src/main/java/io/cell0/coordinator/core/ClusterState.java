package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.ClusterConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.ConfigEntry;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The replicated state (seed {@code ClusterState}), mutable for speed: the Ratis adapter applies
 * thousands of commands a second and must not copy maps per command. Only
 * {@link ClusterStateMachine} changes it; everyone else reads through the accessors or takes an
 * immutable {@link #view()}. Not thread-safe: the adapter serialises access.
 */
public final class ClusterState {
    long appliedIndex;
    long epoch;
    long lastTerm;
    long configVersion;
    final TreeMap<String, ConfigEntry> config = new TreeMap<>();
    final TreeMap<String, NodeInfo> nodes = new TreeMap<>();
    final TreeMap<String, AgentPlacement> agents = new TreeMap<>();
    final TreeMap<String, ResourceAllocation> allocations = new TreeMap<>();
    /** Derived index: agent id to the ids of the allocations it owns. Rebuilt on restore, never encoded. */
    final TreeMap<String, TreeSet<String>> allocationsByOwner = new TreeMap<>();
    /** Derived index: idempotency key to the agent it created. Rebuilt on restore, never encoded. */
    final TreeMap<String, String> agentByIdempotencyKey = new TreeMap<>();
    /** Derived index: agents with a non-empty stopping list. Rebuilt on restore, never encoded. */
    final TreeSet<String> agentsStopping = new TreeSet<>();
    /** What changed since the last {@link #takeChanges()}: read by the watch API, never encoded. */
    private final TreeSet<String> changedNodes = new TreeSet<>();
    private final TreeSet<String> changedAgents = new TreeSet<>();
    private boolean configChanged;

    private ClusterState() {
    }

    public static ClusterState empty() {
        return new ClusterState();
    }

    public static ClusterState restore(ClusterStateView view) {
        ClusterState s = new ClusterState();
        s.appliedIndex = view.appliedIndex();
        s.epoch = view.epoch();
        s.lastTerm = view.lastTerm();
        s.configVersion = view.config().version();
        s.config.putAll(view.config().entries());
        s.nodes.putAll(view.nodes());
        view.agents().values().forEach(s::putAgent);
        view.allocations().values().forEach(s::addAllocation);
        s.takeChanges();
        return s;
    }

    /**
     * The ids of the nodes and agents that changed (added, updated or removed), and whether the
     * configuration did, since the previous call; then starts afresh. The adapter calls it after each
     * log entry to feed the watch API.
     */
    public Changes takeChanges() {
        Changes c = new Changes(List.copyOf(changedNodes), List.copyOf(changedAgents), configChanged);
        changedNodes.clear();
        changedAgents.clear();
        configChanged = false;
        return c;
    }

    /** See {@link #takeChanges()}. */
    public record Changes(List<String> nodes, List<String> agents, boolean config) {
        public boolean isEmpty() {
            return nodes.isEmpty() && agents.isEmpty() && !config;
        }
    }

    void putNode(NodeInfo n) {
        nodes.put(n.id(), n);
        changedNodes.add(n.id());
    }

    void putAgent(AgentPlacement a) {
        AgentPlacement old = agents.put(a.agentId(), a);
        if (old != null && !old.idempotencyKey().isEmpty()) {
            agentByIdempotencyKey.remove(old.idempotencyKey());
        }
        if (!a.idempotencyKey().isEmpty()) {
            agentByIdempotencyKey.put(a.idempotencyKey(), a.agentId());
        }
        if (a.stopping().isEmpty()) {
            agentsStopping.remove(a.agentId());
        } else {
            agentsStopping.add(a.agentId());
        }
        changedAgents.add(a.agentId());
    }

    void removeAgent(String agentId) {
        AgentPlacement old = agents.remove(agentId);
        if (old != null && !old.idempotencyKey().isEmpty()) {
            agentByIdempotencyKey.remove(old.idempotencyKey());
        }
        agentsStopping.remove(agentId);
        changedAgents.add(agentId);
    }

    /** The agents still waiting for {@code nodeId} to confirm a moved copy stopped, in id order. */
    public List<String> agentsStoppingOn(String nodeId) {
        List<String> out = new java.util.ArrayList<>();
        for (String id : agentsStopping) {
            if (agents.get(id).stopping().contains(nodeId)) {
                out.add(id);
            }
        }
        return out;
    }

    void putConfig(ConfigEntry e, long newVersion) {
        configVersion = newVersion;
        config.put(e.key(), e);
        configChanged = true;
    }

    /** The agent an idempotency key created, if it still exists. */
    public Optional<String> agentForIdempotencyKey(String key) {
        return Optional.ofNullable(agentByIdempotencyKey.get(key));
    }

    /** An immutable copy, for snapshots, hashing and API answers that need a consistent whole. */
    public ClusterStateView view() {
        return new ClusterStateView(appliedIndex, epoch, lastTerm, new ClusterConfig(configVersion, config), nodes, agents,
                allocations);
    }

    void addAllocation(ResourceAllocation a) {
        allocations.put(a.id(), a);
        allocationsByOwner.computeIfAbsent(a.owner(), k -> new TreeSet<>()).add(a.id());
    }

    void removeAllocation(ResourceAllocation a) {
        allocations.remove(a.id());
        TreeSet<String> owned = allocationsByOwner.get(a.owner());
        if (owned != null) {
            owned.remove(a.id());
            if (owned.isEmpty()) {
                allocationsByOwner.remove(a.owner());
            }
        }
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    public long epoch() {
        return epoch;
    }

    public long lastTerm() {
        return lastTerm;
    }

    public long configVersion() {
        return configVersion;
    }

    public Optional<ConfigEntry> configEntry(String key) {
        return Optional.ofNullable(config.get(key));
    }

    /** The configuration as an immutable copy. */
    public ClusterConfig configView() {
        return new ClusterConfig(configVersion, config);
    }

    public Optional<NodeInfo> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public SortedMap<String, NodeInfo> nodes() {
        return Collections.unmodifiableSortedMap(nodes);
    }

    public Optional<AgentPlacement> agent(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public SortedMap<String, AgentPlacement> agents() {
        return Collections.unmodifiableSortedMap(agents);
    }

    public Optional<ResourceAllocation> allocation(String id) {
        return Optional.ofNullable(allocations.get(id));
    }

    public SortedMap<String, ResourceAllocation> allocations() {
        return Collections.unmodifiableSortedMap(allocations);
    }

    /** Ids of the allocations an agent owns, in order. */
    public SortedSet<String> allocationsOf(String agentId) {
        TreeSet<String> owned = allocationsByOwner.get(agentId);
        return owned == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(owned);
    }
}
