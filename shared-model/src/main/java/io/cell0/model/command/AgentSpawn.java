package io.cell0.model.command;

import io.cell0.model.AgentConfig;
import io.cell0.model.Ids;
import java.util.List;

/**
 * Registers an agent. With a {@code nodeId} it is placed there at once (the node must be known and
 * accepting work); with an empty {@code nodeId} it waits as pending for the scheduler.
 */
public record AgentSpawn(String agentId, AgentConfig config, String nodeId, List<String> replicaNodes, long timestamp)
        implements Command {
    public AgentSpawn {
        Ids.requireId("agent_id", agentId);
        if (config == null) {
            throw new IllegalArgumentException("agent " + agentId + ": config is required");
        }
        nodeId = nodeId == null ? "" : nodeId;
        replicaNodes = List.copyOf(replicaNodes == null ? List.of() : replicaNodes);
    }
}
