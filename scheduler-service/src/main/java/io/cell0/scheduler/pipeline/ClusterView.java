package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the nodes, and the state index it was read at. The index travels with every
 * plan made from this view so the leader can refuse a plan computed on state that has since changed.
 * Nodes are kept sorted by id, so explanations list them in a stable order.
 */
public final class ClusterView {
    private final long stateIndex;
    private final List<NodeView> nodes;
    private final Map<String, NodeView> byId;

    private ClusterView(long stateIndex, List<NodeView> nodes, Map<String, NodeView> byId) {
        this.stateIndex = stateIndex;
        this.nodes = nodes;
        this.byId = byId;
    }

    /** Throws if two nodes share an id. */
    public static ClusterView of(long stateIndex, Collection<NodeView> nodes) {
        List<NodeView> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(NodeView::nodeId));
        Map<String, NodeView> byId = new HashMap<>(sorted.size() * 2);
        for (NodeView n : sorted) {
            if (byId.putIfAbsent(n.nodeId(), n) != null) {
                throw new IllegalArgumentException("node " + n.nodeId() + " appears twice in the cluster view");
            }
        }
        return new ClusterView(stateIndex, Collections.unmodifiableList(sorted), Collections.unmodifiableMap(byId));
    }

    public long stateIndex() {
        return stateIndex;
    }

    /** All nodes, sorted by id. */
    public List<NodeView> nodes() {
        return nodes;
    }

    public Optional<NodeView> node(String nodeId) {
        return Optional.ofNullable(byId.get(nodeId));
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public String toString() {
        return "ClusterView[stateIndex=" + stateIndex + ", nodes=" + nodes.size() + "]";
    }
}
