package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentStatusReport;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.RejectReason;

/**
 * {@code AgentStatusReport}: a node's runtime tells the cluster what its copy of an agent is doing.
 * The agent as a whole is FAILED while its primary copy is failed, and RUNNING again once the
 * primary reports it runs; replicas' reports are recorded without changing the agent's state.
 */
final class RuntimeRules {
    private RuntimeRules() {
    }

    static CommandResult report(ClusterState s, long index, AgentStatusReport c) {
        AgentPlacement agent = s.agents.get(c.agentId());
        if (agent == null) {
            return CommandResult.rejected(index, RejectReason.UNKNOWN_AGENT, "no agent " + c.agentId());
        }
        if (!agent.usesNode(c.nodeId())) {
            return CommandResult.rejected(index, RejectReason.INVALID,
                    "node " + c.nodeId() + " holds no copy of agent " + c.agentId() + " (it runs on " + agent.nodes() + ")");
        }
        AgentState state = agent.state();
        if (agent.primaryNode().equals(c.nodeId()) && state != AgentState.MIGRATING) {
            if (c.status().phase() == RuntimePhase.FAILED) {
                state = AgentState.FAILED;
            } else if (c.status().phase() == RuntimePhase.RUNNING || c.status().phase() == RuntimePhase.STARTING) {
                state = AgentState.RUNNING;
            }
        }
        s.putAgent(agent.withRuntime(c.nodeId(), c.status(), state));
        return CommandResult.accepted(index);
    }
}
