package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.NodeLeave;
import io.cell0.model.command.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code NodeJoin} and {@code NodeLeave}. */
final class NodeRules {
    private NodeRules() {
    }

    /**
     * A new node is added as healthy. A known node joining again (a restart, or a return after
     * leaving) gets its new address, zone, role and capacity but keeps its allocations, so it may not
     * shrink below what its agents already hold.
     */
    static CommandResult join(ClusterState s, long index, NodeJoin c) {
        if (!c.address().isEmpty()) {
            for (NodeInfo other : s.nodes.values()) {
                if (!other.id().equals(c.nodeId()) && other.status() != NodeStatus.LEFT && other.address().equals(c.address())) {
                    return CommandResult.rejected(index, RejectReason.DUPLICATE_NODE,
                            "address " + c.address() + " already belongs to node " + other.id());
                }
            }
        }
        NodeInfo existing = s.nodes.get(c.nodeId());
        Resources allocated = existing == null ? Resources.ZERO : existing.resources().allocated();
        if (!allocated.fitsWithin(c.capacity())) {
            return CommandResult.rejected(index, RejectReason.INSUFFICIENT_CAPACITY, "node " + c.nodeId() + " offers "
                    + Format.resources(c.capacity()) + " but its agents already hold " + Format.resources(allocated));
        }
        boolean returning = existing == null || existing.status() == NodeStatus.LEFT;
        NodeInfo node = new NodeInfo(c.nodeId(), c.role(), c.address(), c.apiAddress(), c.capabilities(),
                new ResourceCapacity(c.capacity(), allocated), NodeStatus.HEALTHY,
                existing == null ? 0 : existing.lastHeartbeat(), returning ? c.timestamp() : existing.joinedAt(), c.zone());
        s.putNode(node);
        return CommandResult.accepted(index);
    }

    /**
     * The node is kept, marked LEFT, so its history stays visible. Its allocations are freed. Agents
     * whose primary ran there become pending with the reason; agents that only had a replica there
     * lose that replica. No agent is dropped.
     */
    static CommandResult leave(ClusterState s, long index, NodeLeave c) {
        NodeInfo node = s.nodes.get(c.nodeId());
        if (node == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_NODE, "no node " + c.nodeId());
        }
        if (node.status() == NodeStatus.LEFT) {
            return CommandResult.rejected(index, RejectReason.NODE_NOT_ACTIVE, "node " + c.nodeId() + " has already left");
        }
        // Build every new value first; write only when nothing can fail any more.
        NodeInfo left = node.withStatus(NodeStatus.LEFT).withResources(ResourceCapacity.of(node.resources().total()));
        List<AgentPlacement> changed = new ArrayList<>();
        Set<String> freedIds = new TreeSet<>();
        List<ResourceAllocation> freed = new ArrayList<>();
        for (AgentPlacement a : s.agents.values()) {
            if (!a.usesNode(c.nodeId())) {
                continue;
            }
            if (a.primaryNode().equals(c.nodeId())) {
                // The whole agent is placed again: its other copies are released too, so the
                // scheduler starts from a clean slate and never mixes old and new replicas.
                changed.add(a.placedOn(List.of(), AgentState.PENDING, "node " + c.nodeId() + " left"));
                for (ResourceAllocation r : AgentRules.owned(s, a.agentId())) {
                    if (freedIds.add(r.id())) {
                        freed.add(r);
                    }
                }
            } else {
                List<String> nodes = new ArrayList<>(a.nodes());
                nodes.remove(c.nodeId());
                changed.add(a.placedOn(nodes, a.state(), "replica on node " + c.nodeId() + " lost when it left"));
            }
        }
        for (ResourceAllocation a : s.allocations.values()) {
            if (a.node().equals(c.nodeId()) && freedIds.add(a.id())) {
                freed.add(a);
            }
        }
        List<ResourceAllocation> elsewhere = freed.stream().filter(a -> !a.node().equals(c.nodeId())).toList();
        List<NodeInfo> released = AllocationRules.releasedNodes(s, elsewhere);
        s.putNode(left);
        released.forEach(s::putNode);
        changed.forEach(s::putAgent);
        freed.forEach(s::removeAllocation);
        return CommandResult.accepted(index);
    }
}
