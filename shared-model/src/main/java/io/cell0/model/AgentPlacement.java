package io.cell0.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an agent runs (seed {@code AgentPlacement}).
 *
 * @param primaryNode    node running the primary copy, or empty while pending
 * @param pendingReason  why the agent has no node (or lost a replica), or empty
 * @param lastMigration  epoch millis of the last completed migration, 0 if never
 * @param runtime        per node: what that node's runtime last reported about its copy
 * @param idempotencyKey the client's {@code Idempotency-Key} that created it, or empty
 * @param stopping       nodes a copy was taken away from (a drain) that have not yet confirmed it
 *                       stopped; no node starts a new copy of the agent until this is empty, so the
 *                       old and the new copy never run at the same time
 */
public record AgentPlacement(String agentId, AgentConfig config, String primaryNode, List<String> replicaNodes,
                             AgentState state, long createdAt, long lastMigration, String pendingReason,
                             SortedMap<String, ReplicaStatus> runtime, String idempotencyKey, List<String> stopping) {
    public AgentPlacement {
        Ids.requireId("agent id", agentId);
        if (config == null || state == null) {
            throw new IllegalArgumentException("agent " + agentId + ": config and state are required");
        }
        primaryNode = primaryNode == null ? "" : primaryNode;
        replicaNodes = List.copyOf(replicaNodes == null ? List.of() : replicaNodes);
        pendingReason = pendingReason == null ? "" : pendingReason;
        runtime = Collections.unmodifiableSortedMap(runtime == null ? new TreeMap<>() : new TreeMap<>(runtime));
        idempotencyKey = idempotencyKey == null ? "" : idempotencyKey;
        stopping = List.copyOf(new java.util.TreeSet<>(stopping == null ? List.of() : stopping));
    }

    public AgentPlacement(String agentId, AgentConfig config, String primaryNode, List<String> replicaNodes,
                          AgentState state, long createdAt, long lastMigration, String pendingReason,
                          SortedMap<String, ReplicaStatus> runtime, String idempotencyKey) {
        this(agentId, config, primaryNode, replicaNodes, state, createdAt, lastMigration, pendingReason, runtime,
                idempotencyKey, List.of());
    }

    public AgentPlacement(String agentId, AgentConfig config, String primaryNode, List<String> replicaNodes,
                          AgentState state, long createdAt, long lastMigration, String pendingReason) {
        this(agentId, config, primaryNode, replicaNodes, state, createdAt, lastMigration, pendingReason, null, "");
    }

    public boolean isPlaced() {
        return !primaryNode.isEmpty();
    }

    /** True when the agent's primary or one of its replicas is on {@code nodeId}. */
    public boolean usesNode(String nodeId) {
        return primaryNode.equals(nodeId) || replicaNodes.contains(nodeId);
    }

    /** Every node holding a copy, primary first; empty while pending. */
    public List<String> nodes() {
        if (primaryNode.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(1 + replicaNodes.size());
        all.add(primaryNode);
        all.addAll(replicaNodes);
        return all;
    }

    /** The same agent placed on {@code nodes} (primary first), or pending with {@code reason} when empty. */
    public AgentPlacement placedOn(List<String> nodes, AgentState newState, String reason) {
        String primary = nodes.isEmpty() ? "" : nodes.get(0);
        List<String> replicas = nodes.isEmpty() ? List.of() : nodes.subList(1, nodes.size());
        TreeMap<String, ReplicaStatus> kept = new TreeMap<>(runtime);
        kept.keySet().retainAll(nodes);
        return new AgentPlacement(agentId, config, primary, replicas, newState, createdAt, lastMigration, reason, kept,
                idempotencyKey, stopping);
    }

    /** The same agent with {@code stopping} replaced (sorted, without duplicates). */
    public AgentPlacement withStopping(java.util.Collection<String> nodes) {
        return new AgentPlacement(agentId, config, primaryNode, replicaNodes, state, createdAt, lastMigration, pendingReason,
                runtime, idempotencyKey, List.copyOf(nodes));
    }

    /** The same agent with {@code nodeId}'s runtime report replaced, and the overall state given. */
    public AgentPlacement withRuntime(String nodeId, ReplicaStatus status, AgentState newState) {
        TreeMap<String, ReplicaStatus> updated = new TreeMap<>(runtime);
        updated.put(nodeId, status);
        return new AgentPlacement(agentId, config, primaryNode, replicaNodes, newState, createdAt, lastMigration,
                pendingReason, updated, idempotencyKey, stopping);
    }
}
