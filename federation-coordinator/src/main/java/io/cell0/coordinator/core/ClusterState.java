package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.ClusterConfig;
import io.cell0.model.ClusterStateView;
import io.cell0.model.ConfigEntry;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import java.util.Collections;
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
        s.agents.putAll(view.agents());
        view.allocations().values().forEach(s::addAllocation);
        return s;
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
