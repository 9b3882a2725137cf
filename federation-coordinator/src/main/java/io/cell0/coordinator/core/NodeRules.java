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
import io.cell0.model.command.NodeStatusChange;
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
     * shrink below what its agents already hold; a drain survives its restart. The first identity key a
     * node registers with stays its identity: a join with another key is refused (without one it is
     * kept).
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
        String identityKey = existing == null ? "" : existing.identityKey();
        if (!identityKey.isEmpty() && !c.identityKey().isEmpty() && !identityKey.equals(c.identityKey())) {
            return CommandResult.rejected(index, RejectReason.INVALID, "node " + c.nodeId()
                    + " is registered with another identity key; a node cannot change its identity");
        }
        if (identityKey.isEmpty()) {
            identityKey = c.identityKey(); // the first key a node registers with is its identity from then on
        }
        boolean returning = existing == null || existing.status() == NodeStatus.LEFT;
        NodeInfo node = new NodeInfo(c.nodeId(), c.role(), c.address(), c.apiAddress(), c.capabilities(),
                new ResourceCapacity(c.capacity(), allocated), NodeStatus.HEALTHY,
                existing == null ? 0 : existing.lastHeartbeat(), returning ? c.timestamp() : existing.joinedAt(), c.zone(),
                !returning && existing.draining(), identityKey);
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
        Release release = release(s, c.nodeId(), "left", false);
        for (ResourceAllocation a : s.allocations.values()) {
            if (a.node().equals(c.nodeId()) && release.freedIds.add(a.id())) {
                release.freed.add(a);
            }
        }
        List<ResourceAllocation> elsewhere = release.freed.stream().filter(a -> !a.node().equals(c.nodeId())).toList();
        List<NodeInfo> released = AllocationRules.releasedNodes(s, elsewhere);
        s.putNode(left);
        released.forEach(s::putNode);
        release.changed.forEach(s::putAgent);
        release.freed.forEach(s::removeAllocation);
        return CommandResult.accepted(index);
    }

    /**
     * {@code NodeStatusChange}: the leader's failure detector moves a node between HEALTHY, SUSPECT
     * and DOWN, and releases a DOWN node's agents once its lease has run out. Refused unless proposed
     * in the term now in charge, so a deposed leader's late verdict cannot undo the current one's.
     * A released node keeps the allocations that belong to no agent.
     */
    static CommandResult statusChange(ClusterState s, long index, NodeStatusChange c) {
        if (c.leaderTerm() != s.lastTerm) {
            return CommandResult.rejected(index, RejectReason.STALE_TERM,
                    "status of " + c.nodeId() + " proposed in term " + c.leaderTerm() + ", but term " + s.lastTerm + " is in charge");
        }
        NodeInfo node = s.nodes.get(c.nodeId());
        if (node == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_NODE, "no node " + c.nodeId());
        }
        if (node.status() == NodeStatus.LEFT) {
            return CommandResult.rejected(index, RejectReason.NODE_NOT_ACTIVE, "node " + c.nodeId() + " has left");
        }
        NodeInfo updated = node.withStatus(c.status());
        if (!c.releaseAgents()) {
            if (node.status() != c.status()) {
                s.putNode(updated);
            }
            return CommandResult.accepted(index);
        }
        Release release = release(s, c.nodeId(), "went down", true);
        List<NodeInfo> released = AllocationRules.releasedNodes(s, release.freed);
        s.putNode(updated);
        // releasedNodes read the node before the status change; keep the new status on the released copy.
        released.forEach(n -> s.putNode(n.id().equals(c.nodeId()) ? n.withStatus(c.status()) : n));
        release.changed.forEach(s::putAgent);
        release.freed.forEach(s::removeAllocation);
        return CommandResult.accepted(index);
    }

    /** What taking a node's agents away from it changes; computed without writing anything. */
    private record Release(List<AgentPlacement> changed, Set<String> freedIds, List<ResourceAllocation> freed) {
    }

    /**
     * An agent whose primary copy is on the node is placed again from scratch (all its copies are
     * released, so old and new replicas never mix); an agent with only a secondary copy there loses
     * that copy. The agents' allocations are collected, not yet freed. With {@code keepOptedOut} (a
     * node that went down, not one that left) agents that chose to keep running through a
     * disconnection are left in place.
     */
    private static Release release(ClusterState s, String nodeId, String why, boolean keepOptedOut) {
        Release r = new Release(new ArrayList<>(), new TreeSet<>(), new ArrayList<>());
        for (AgentPlacement a : s.agents.values()) {
            if (keepOptedOut && a.config().keepRunningWhenDisconnected() && a.usesNode(nodeId)) {
                continue; // its choice: it stays where it is, and is never started a second time elsewhere
            }
            if (!a.usesNode(nodeId)) {
                if (a.stopping().contains(nodeId)) {
                    // Down past its lease, or gone: its old copy is stopped by now (see FailureMonitor).
                    List<String> still = new ArrayList<>(a.stopping());
                    still.remove(nodeId);
                    r.changed.add(a.withStopping(still));
                }
                continue;
            }
            if (a.primaryNode().equals(nodeId)) {
                r.changed.add(a.placedOn(List.of(), AgentState.PENDING, "node " + nodeId + " " + why));
                for (ResourceAllocation owned : AgentRules.owned(s, a.agentId())) {
                    if (r.freedIds.add(owned.id())) {
                        r.freed.add(owned);
                    }
                }
            } else {
                List<String> nodes = new ArrayList<>(a.nodes());
                nodes.remove(nodeId);
                r.changed.add(a.placedOn(nodes, a.state(), "replica on node " + nodeId + " lost when it " + why));
                for (ResourceAllocation owned : AgentRules.owned(s, a.agentId())) {
                    if (owned.node().equals(nodeId) && r.freedIds.add(owned.id())) {
                        r.freed.add(owned);
                    }
                }
            }
        }
        return r;
    }
}
