package io.cell0.scheduler.pipeline;

import io.cell0.model.Ids;
import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.Set;

/**
 * What the scheduler needs to know about one node. Deliberately not the Raft state's {@code NodeInfo}:
 * the service adapts its state to this shape (adding quarantine, drain and data-set facts that live
 * elsewhere), so the pipeline can be tested and benchmarked without a cluster.
 *
 * @param zone        failure zone; empty when the node did not report one
 * @param total       what the node offers
 * @param allocated   what committed placements already hold on it; never more than {@code total}
 * @param agentCount  agents running on it (informational)
 * @param dataSets    names of the data sets held locally
 * @param quarantined excluded by the cluster after misbehaving
 * @param draining    being emptied by an operator; takes no new work
 */
public record NodeView(String nodeId, String zone, NodeStatus status, NodeRole role, Resources total,
                       Resources allocated, int agentCount, Set<String> dataSets, boolean quarantined,
                       boolean draining) {

    public NodeView {
        Ids.requireId("node id", nodeId);
        if (status == null || role == null || total == null || allocated == null) {
            throw new IllegalArgumentException("node " + nodeId + ": status, role, total and allocated are required");
        }
        if (!allocated.fitsWithin(total)) {
            throw new IllegalArgumentException("node " + nodeId + ": allocated " + allocated + " exceeds total " + total);
        }
        if (agentCount < 0) {
            throw new IllegalArgumentException("node " + nodeId + ": agent count must not be negative");
        }
        zone = zone == null ? "" : zone;
        dataSets = SortedSets.copyOf("node " + nodeId + " data sets", dataSets);
    }

    /** Capacity not held by committed placements (placements planned in the same round are not subtracted here). */
    public Resources free() {
        return total.minus(allocated);
    }
}
