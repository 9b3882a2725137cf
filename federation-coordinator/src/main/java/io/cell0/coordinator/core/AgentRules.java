package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code AgentSpawn} and {@code AgentKill}. */
final class AgentRules {
    private AgentRules() {
    }

    /**
     * A spawn whose idempotency key already created an agent changes nothing and is accepted with
     * that agent's id as its message, so a retried create answers like the first one did.
     */
    static CommandResult spawn(ClusterState s, long index, AgentSpawn c) {
        if (!c.idempotencyKey().isEmpty()) {
            Optional<String> existing = s.agentForIdempotencyKey(c.idempotencyKey());
            if (existing.isPresent()) {
                return new CommandResult(index, null, existing.get(), 0);
            }
        }
        if (s.agents.containsKey(c.agentId())) {
            return CommandResult.rejected(index, RejectReason.DUPLICATE_AGENT, "agent " + c.agentId() + " already exists");
        }
        boolean placed = !c.nodeId().isEmpty();
        if (!placed && !c.replicaNodes().isEmpty()) {
            return CommandResult.rejected(index, RejectReason.INVALID, "agent " + c.agentId() + " has replicas but no primary node");
        }
        AgentPlacement pending = new AgentPlacement(c.agentId(), c.config(), "", List.of(), AgentState.PENDING, c.timestamp(), 0,
                "awaiting placement", null, c.idempotencyKey());
        if (!placed) {
            s.putAgent(pending);
            return CommandResult.accepted(index);
        }
        List<String> nodes = new ArrayList<>();
        nodes.add(c.nodeId());
        nodes.addAll(c.replicaNodes());
        PlacementRules.Check check = PlacementRules.check(s, index, pending, nodes);
        if (check.rejection() != null) {
            return check.rejection();
        }
        s.putAgent(pending);
        PlacementRules.commit(s, pending, check, c.timestamp());
        return CommandResult.accepted(index);
    }

    /** Removes the agent and frees every allocation it owned, on whichever node. */
    static CommandResult kill(ClusterState s, long index, AgentKill c) {
        if (!s.agents.containsKey(c.agentId())) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_AGENT, "no agent " + c.agentId());
        }
        List<ResourceAllocation> owned = owned(s, c.agentId());
        List<NodeInfo> released = AllocationRules.releasedNodes(s, owned);
        s.removeAgent(c.agentId());
        owned.forEach(s::removeAllocation);
        released.forEach(s::putNode);
        return CommandResult.accepted(index);
    }

    static List<ResourceAllocation> owned(ClusterState s, String agentId) {
        List<ResourceAllocation> owned = new ArrayList<>();
        for (String id : s.allocationsOf(agentId)) {
            owned.add(s.allocations.get(id));
        }
        return owned;
    }

    static CommandResult checkActive(ClusterState s, long index, String nodeId) {
        NodeInfo node = s.nodes.get(nodeId);
        if (node == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_NODE, "no node " + nodeId);
        }
        if (!node.status().acceptsWork()) {
            return CommandResult.rejected(index, RejectReason.NODE_NOT_ACTIVE,
                    "node " + nodeId + " is " + node.status().name().toLowerCase(java.util.Locale.ROOT) + " and accepts no work");
        }
        if (node.draining()) {
            return CommandResult.rejected(index, RejectReason.NODE_NOT_ACTIVE, "node " + nodeId + " is draining and accepts no new work");
        }
        return null;
    }
}
