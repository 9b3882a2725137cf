package io.cell0.model.command;

import io.cell0.model.Ids;
import io.cell0.model.Resources;

/**
 * Reserves {@code resources} on {@code nodeId} for {@code agentId}. Rejected when the node's free
 * capacity is smaller.
 *
 * @param expiresAt epoch millis, 0 = no expiry
 */
public record ResourceAlloc(String allocationId, String agentId, String nodeId, Resources resources, long expiresAt,
                            long timestamp) implements Command {
    public ResourceAlloc {
        Ids.requireId("allocation_id", allocationId);
        Ids.requireId("agent_id", agentId);
        Ids.requireId("node_id", nodeId);
        if (resources == null) {
            throw new IllegalArgumentException("allocation " + allocationId + ": resources are required");
        }
    }
}
