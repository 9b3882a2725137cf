package io.cell0.model.command;

import io.cell0.model.Ids;

/** Removes an agent and frees every allocation it owns. */
public record AgentKill(String agentId, long timestamp) implements Command {
    public AgentKill {
        Ids.requireId("agent_id", agentId);
    }
}
