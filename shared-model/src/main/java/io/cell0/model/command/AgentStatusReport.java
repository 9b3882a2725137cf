package io.cell0.model.command;

import io.cell0.model.Ids;
import io.cell0.model.ReplicaStatus;

/**
 * A node's runtime reports what happened to its copy of an agent (started, running, exited, failed,
 * stopped). Accepted only from a node that currently holds a copy, so a late report from a node the
 * agent has moved away from changes nothing.
 */
public record AgentStatusReport(String agentId, String nodeId, ReplicaStatus status, long timestamp) implements Command {
    public AgentStatusReport {
        Ids.requireId("agent_id", agentId);
        Ids.requireId("node_id", nodeId);
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }
}
