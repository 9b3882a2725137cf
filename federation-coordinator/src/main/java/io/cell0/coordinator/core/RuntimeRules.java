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
        if (!agent.usesNode(c.nodeId()) && agent.stopping().contains(c.nodeId())) {
            return confirmStopped(s, index, agent, c);
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

    /**
     * A node a copy was taken from (see {@code AgentEvict}) reports on it: once it says the copy no
     * longer runs, the node leaves the agent's stopping list and new copies may start.
     */
    private static CommandResult confirmStopped(ClusterState s, long index, AgentPlacement agent, AgentStatusReport c) {
        RuntimePhase phase = c.status().phase();
        if (phase == RuntimePhase.RUNNING || phase == RuntimePhase.STARTING) {
            return CommandResult.rejected(index, RejectReason.INVALID, "node " + c.nodeId() + " must stop its copy of agent "
                    + c.agentId() + ", which was moved away; it reported it " + phase.name().toLowerCase(java.util.Locale.ROOT));
        }
        java.util.List<String> still = new java.util.ArrayList<>(agent.stopping());
        still.remove(c.nodeId());
        s.putAgent(agent.withStopping(still));
        return CommandResult.accepted(index);
    }
}
