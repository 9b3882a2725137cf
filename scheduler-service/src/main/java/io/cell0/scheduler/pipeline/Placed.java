package io.cell0.scheduler.pipeline;

import io.cell0.model.Ids;
import io.cell0.model.Resources;
import java.util.List;

/**
 * Every replica of a request has a node.
 *
 * @param nodeIds    one distinct node per replica, primary first
 * @param perReplica resources to allocate on each of those nodes
 */
public record Placed(String agentId, List<String> nodeIds, Resources perReplica) implements Placement {

    public Placed {
        Ids.requireId("agent id", agentId);
        nodeIds = List.copyOf(nodeIds);
        if (nodeIds.isEmpty() || nodeIds.stream().distinct().count() != nodeIds.size()) {
            throw new IllegalArgumentException("agent " + agentId + ": replicas need distinct nodes, got " + nodeIds);
        }
        if (perReplica == null) {
            throw new IllegalArgumentException("agent " + agentId + ": resources per replica are required");
        }
    }

    @Override
    public String outcome() {
        return "placed";
    }

    public String primary() {
        return nodeIds.get(0);
    }
}
