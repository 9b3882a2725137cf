package io.cell0.model.command;

import io.cell0.model.Ids;
import io.cell0.model.NodeStatus;

/**
 * The leader's failure detector changes a node's status (HEALTHY, SUSPECT or DOWN) and, once a DOWN
 * node's lease has certainly run out, releases the agents it held so the scheduler places them
 * elsewhere. Only the leader proposes it, stamping its own Raft term: a change whose
 * {@code leaderTerm} is not the term of the leader in charge when it is applied (a deposed
 * leader's late proposal) is refused.
 *
 * @param releaseAgents only with DOWN: the node's agents become pending (or lose the replica held
 *                      there) and its allocations for them are freed
 */
public record NodeStatusChange(String nodeId, NodeStatus status, long leaderTerm, boolean releaseAgents, String reason,
                               long timestamp) implements Command {
    public NodeStatusChange {
        Ids.requireId("node_id", nodeId);
        if (status == null || status == NodeStatus.LEFT) {
            throw new IllegalArgumentException("status must be HEALTHY, SUSPECT or DOWN (a node leaves with NodeLeave), not " + status);
        }
        if (releaseAgents && status != NodeStatus.DOWN) {
            throw new IllegalArgumentException("only a DOWN node's agents are released, not a " + status + " node's");
        }
        if (leaderTerm < 0) {
            throw new IllegalArgumentException("leader_term must not be negative: " + leaderTerm);
        }
        reason = reason == null ? "" : reason;
        if (reason.length() > 512) {
            throw new IllegalArgumentException("reason is longer than 512 characters");
        }
    }
}
