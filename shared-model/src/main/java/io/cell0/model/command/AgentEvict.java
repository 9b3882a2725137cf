package io.cell0.model.command;

import io.cell0.model.Ids;

/**
 * Takes one copy of an agent away from a node that still runs it (a drain). The node must then
 * confirm its copy stopped before any new copy of the agent starts anywhere. An agent with one copy
 * becomes pending and the scheduler places it elsewhere; an agent with several keeps its other copies
 * running, the next one becoming primary if the primary was taken.
 *
 * @param reason why, shown on the agent ("node n2 is draining")
 */
public record AgentEvict(String agentId, String nodeId, String reason, long timestamp) implements Command {
    public AgentEvict {
        Ids.requireId("agent_id", agentId);
        Ids.requireId("node_id", nodeId);
        reason = reason == null ? "" : reason;
        if (reason.length() > 2000) {
            reason = reason.substring(0, 2000);
        }
    }
}
