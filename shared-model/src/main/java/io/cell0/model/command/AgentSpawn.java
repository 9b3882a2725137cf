package io.cell0.model.command;

import io.cell0.model.AgentConfig;
import io.cell0.model.Ids;
import java.util.List;

/**
 * Registers an agent. With a {@code nodeId} it is placed there at once (the node must be known and
 * accepting work, and have room for the agent's resources); with an empty {@code nodeId} it waits as
 * pending for the scheduler.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}, or empty. A second spawn carrying the
 *                       key of an existing agent changes nothing and answers with that agent's id,
 *                       so a client that retries after a lost reply never creates two agents.
 */
public record AgentSpawn(String agentId, AgentConfig config, String nodeId, List<String> replicaNodes, long timestamp,
                         String idempotencyKey) implements Command {
    public AgentSpawn {
        Ids.requireId("agent_id", agentId);
        if (config == null) {
            throw new IllegalArgumentException("agent " + agentId + ": config is required");
        }
        nodeId = nodeId == null ? "" : nodeId;
        replicaNodes = List.copyOf(replicaNodes == null ? List.of() : replicaNodes);
        idempotencyKey = idempotencyKey == null ? "" : idempotencyKey;
        if (idempotencyKey.length() > 256) {
            throw new IllegalArgumentException("idempotency key is longer than 256 characters");
        }
    }

    public AgentSpawn(String agentId, AgentConfig config, String nodeId, List<String> replicaNodes, long timestamp) {
        this(agentId, config, nodeId, replicaNodes, timestamp, "");
    }
}
