package io.cell0.model;

import java.util.List;

/**
 * Where an agent runs (seed {@code AgentPlacement}).
 *
 * @param primaryNode   node running the primary copy, or empty while pending
 * @param pendingReason why the agent has no node, or empty
 * @param lastMigration epoch millis of the last completed migration, 0 if never
 */
public record AgentPlacement(String agentId, AgentConfig config, String primaryNode, List<String> replicaNodes,
                             AgentState state, long createdAt, long lastMigration, String pendingReason) {

    public AgentPlacement {
        Ids.requireId("agent id", agentId);
        if (config == null || state == null) {
            throw new IllegalArgumentException("agent " + agentId + ": config and state are required");
        }
        primaryNode = primaryNode == null ? "" : primaryNode;
        replicaNodes = List.copyOf(replicaNodes == null ? List.of() : replicaNodes);
        pendingReason = pendingReason == null ? "" : pendingReason;
    }

    public boolean isPlaced() {
        return !primaryNode.isEmpty();
    }

    /** True when the agent's primary or one of its replicas is on {@code nodeId}. */
    public boolean usesNode(String nodeId) {
        return primaryNode.equals(nodeId) || replicaNodes.contains(nodeId);
    }
}
