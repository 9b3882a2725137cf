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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code AgentSpawn} and {@code AgentKill}. */
final class AgentRules {
    private AgentRules() {
    }

    static CommandResult spawn(ClusterState s, long index, AgentSpawn c) {
        if (s.agents.containsKey(c.agentId())) {
            return CommandResult.rejected(index, RejectReason.DUPLICATE_AGENT, "agent " + c.agentId() + " already exists");
        }
        boolean placed = !c.nodeId().isEmpty();
        if (!placed && !c.replicaNodes().isEmpty()) {
            return CommandResult.rejected(index, RejectReason.INVALID, "agent " + c.agentId() + " has replicas but no primary node");
        }
        Set<String> seen = new HashSet<>();
        List<String> nodes = new ArrayList<>();
        if (placed) {
            nodes.add(c.nodeId());
        }
        nodes.addAll(c.replicaNodes());
        for (String nodeId : nodes) {
            if (!seen.add(nodeId)) {
                return CommandResult.rejected(index, RejectReason.INVALID,
                        "agent " + c.agentId() + " names node " + nodeId + " twice; replicas must be on distinct nodes");
            }
            CommandResult problem = checkActive(s, index, nodeId);
            if (problem != null) {
                return problem;
            }
        }
        AgentPlacement agent = new AgentPlacement(c.agentId(), c.config(), c.nodeId(), c.replicaNodes(),
                placed ? AgentState.RUNNING : AgentState.PENDING, c.timestamp(), 0, placed ? "" : "awaiting placement");
        s.agents.put(agent.agentId(), agent);
        return CommandResult.accepted(index);
    }

    /** Removes the agent and frees every allocation it owned, on whichever node. */
    static CommandResult kill(ClusterState s, long index, AgentKill c) {
        if (!s.agents.containsKey(c.agentId())) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_AGENT, "no agent " + c.agentId());
        }
        List<ResourceAllocation> owned = new ArrayList<>();
        for (String id : s.allocationsOf(c.agentId())) {
            owned.add(s.allocations.get(id));
        }
        List<NodeInfo> released = AllocationRules.releasedNodes(s, owned);
        s.agents.remove(c.agentId());
        owned.forEach(s::removeAllocation);
        released.forEach(n -> s.nodes.put(n.id(), n));
        return CommandResult.accepted(index);
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
        return null;
    }
}
