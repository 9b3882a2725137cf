package io.cell0.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable copy of the whole replicated state (seed {@code ClusterState}), with every map sorted
 * so that its encoding, and therefore its hash, is identical on every replica.
 *
 * @param appliedIndex the last log index applied to produce this state
 * @param epoch        fencing epoch: rises each time a new leader's term first commits
 * @param lastTerm     the newest leader term seen committing, which drives {@code epoch}
 */
public record ClusterStateView(long appliedIndex, long epoch, long lastTerm, ClusterConfig config,
                               SortedMap<String, NodeInfo> nodes, SortedMap<String, AgentPlacement> agents,
                               SortedMap<String, ResourceAllocation> allocations) {

    public static final ClusterStateView EMPTY = new ClusterStateView(0, 0, 0, ClusterConfig.EMPTY,
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public ClusterStateView {
        if (config == null || nodes == null || agents == null || allocations == null) {
            throw new IllegalArgumentException("config, nodes, agents and allocations are required");
        }
        nodes = Collections.unmodifiableSortedMap(SortedCopies.naturalOrder(nodes));
        agents = Collections.unmodifiableSortedMap(SortedCopies.naturalOrder(agents));
        allocations = Collections.unmodifiableSortedMap(SortedCopies.naturalOrder(allocations));
    }

    public long configVersion() {
        return config.version();
    }
}
