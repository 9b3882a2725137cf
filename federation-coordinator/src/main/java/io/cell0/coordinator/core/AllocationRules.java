package io.cell0.coordinator.core;

import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.RejectReason;
import io.cell0.model.command.ResourceAlloc;
import io.cell0.model.command.ResourceFree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code ResourceAlloc} and {@code ResourceFree}: a node's allocated amount never exceeds its total. */
final class AllocationRules {
    private AllocationRules() {
    }

    static CommandResult allocate(ClusterState s, long index, ResourceAlloc c) {
        if (s.allocations.containsKey(c.allocationId())) {
            return CommandResult.rejected(index, RejectReason.DUPLICATE_ALLOCATION, "allocation " + c.allocationId() + " already exists");
        }
        if (!s.agents.containsKey(c.agentId())) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_AGENT, "no agent " + c.agentId());
        }
        CommandResult inactive = AgentRules.checkActive(s, index, c.nodeId());
        if (inactive != null) {
            return inactive;
        }
        NodeInfo node = s.nodes.get(c.nodeId());
        Resources free = node.resources().free();
        if (!c.resources().fitsWithin(free)) {
            return CommandResult.rejected(index, RejectReason.INSUFFICIENT_CAPACITY,
                    "node " + node.id() + " cannot hold allocation " + c.allocationId() + ": " + Format.shortfall(c.resources(), free));
        }
        ResourceAllocation allocation = new ResourceAllocation(c.allocationId(), c.agentId(), c.resources(), c.nodeId(),
                c.timestamp(), c.expiresAt());
        NodeInfo updated = node.withResources(new ResourceCapacity(node.resources().total(),
                node.resources().allocated().plus(c.resources())));
        s.addAllocation(allocation);
        s.putNode(updated);
        return CommandResult.accepted(index);
    }

    static CommandResult free(ClusterState s, long index, ResourceFree c) {
        ResourceAllocation allocation = s.allocations.get(c.allocationId());
        if (allocation == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_ALLOCATION, "no allocation " + c.allocationId());
        }
        List<NodeInfo> released = releasedNodes(s, List.of(allocation));
        s.removeAllocation(allocation);
        released.forEach(s::putNode);
        return CommandResult.accepted(index);
    }

    /** The nodes as they will be once {@code allocations} are released; computed before anything is written. */
    static List<NodeInfo> releasedNodes(ClusterState s, List<ResourceAllocation> allocations) {
        Map<String, Resources> byNode = new TreeMap<>();
        for (ResourceAllocation a : allocations) {
            byNode.merge(a.node(), a.resources(), Resources::plus);
        }
        List<NodeInfo> out = new ArrayList<>();
        byNode.forEach((nodeId, amount) -> {
            NodeInfo n = s.nodes.get(nodeId);
            if (n != null) {
                out.add(n.withResources(new ResourceCapacity(n.resources().total(), n.resources().allocated().minus(amount))));
            }
        });
        return out;
    }
}
