package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.command.AgentEvict;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeDrain;
import io.cell0.model.command.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code NodeDrain} and {@code AgentEvict}: an operator drains a node; the leader then takes the
 * agents' copies off it one by one, and each node it took a copy from must confirm the copy stopped
 * before a new copy of that agent starts anywhere.
 */
final class DrainRules {
    private DrainRules() {
    }

    /** Sets or clears the node's draining flag. Draining a node that has left is refused; repeating is harmless. */
    static CommandResult drain(ClusterState s, long index, NodeDrain c) {
        NodeInfo node = s.nodes.get(c.nodeId());
        if (node == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_NODE, "no node " + c.nodeId());
        }
        if (node.status() == NodeStatus.LEFT) {
            return CommandResult.rejected(index, RejectReason.NODE_NOT_ACTIVE, "node " + c.nodeId() + " has left");
        }
        if (node.draining() != c.draining()) {
            s.putNode(node.withDraining(c.draining()));
        }
        return CommandResult.accepted(index);
    }

    /**
     * Takes the copy on {@code c.nodeId()} away. A sole copy leaves the agent pending (the scheduler
     * places it elsewhere; the node is draining, so not there); with several copies the others keep
     * running and the first of them becomes primary if the primary was taken. The copy's allocation
     * is freed and the node joins the agent's stopping list. One copy of an agent moves at a time.
     */
    static CommandResult evict(ClusterState s, long index, AgentEvict c) {
        AgentPlacement agent = s.agents.get(c.agentId());
        if (agent == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_AGENT, "no agent " + c.agentId());
        }
        if (!agent.usesNode(c.nodeId())) {
            return CommandResult.rejected(index, RejectReason.INVALID,
                    "node " + c.nodeId() + " holds no copy of agent " + c.agentId() + " (it runs on " + agent.nodes() + ")");
        }
        if (!agent.stopping().isEmpty()) {
            return CommandResult.rejected(index, RejectReason.INVALID, "agent " + c.agentId() + " is still waiting for "
                    + agent.stopping() + " to confirm a moved copy stopped; one copy moves at a time");
        }
        List<ResourceAllocation> freed = new ArrayList<>();
        for (ResourceAllocation owned : AgentRules.owned(s, c.agentId())) {
            if (owned.node().equals(c.nodeId())) {
                freed.add(owned);
            }
        }
        List<String> rest = new ArrayList<>(agent.nodes());
        rest.remove(c.nodeId());
        String why = c.reason().isEmpty() ? "copy moved off node " + c.nodeId() : c.reason();
        AgentPlacement moved = rest.isEmpty()
                ? agent.placedOn(List.of(), AgentState.PENDING, why)
                : agent.placedOn(rest, agent.state(), why + "; " + rest.size() + " of " + agent.config().replicas() + " copies left");
        List<NodeInfo> released = AllocationRules.releasedNodes(s, freed);
        s.putAgent(moved.withStopping(List.of(c.nodeId())));
        released.forEach(s::putNode);
        freed.forEach(s::removeAllocation);
        return CommandResult.accepted(index);
    }
}
