package io.cell0.model.command;

import io.cell0.model.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Many placements decided together by a scheduler from the state it read at {@code readIndex}. The
 * state machine re-checks every placement when the plan is applied — the agent still pending, every
 * node active, distinct and with room — and applies those that still hold; the rest stay pending for
 * the scheduler to try again. So two schedulers planning from the same state can never overcommit a
 * node: the second plan's placements that no longer fit are refused at apply time.
 *
 * @param planId    the scheduler's id for the plan, for logs
 * @param readIndex the applied index of the state the plan was computed from
 * @param deferred  agents the scheduler could not place, with its reason; they stay pending and show
 *                  the reason
 */
public record PlacementPlan(String planId, long readIndex, List<Placement> placements, List<Deferred> deferred,
                            long timestamp) implements Command {
    /** Maximum placements in one plan, so one log entry stays small. */
    public static final int MAX_PLACEMENTS = 10_000;

    public PlacementPlan {
        Ids.requireId("plan_id", planId);
        if (readIndex < 0) {
            throw new IllegalArgumentException("read_index must not be negative");
        }
        placements = List.copyOf(placements == null ? List.of() : placements);
        deferred = List.copyOf(deferred == null ? List.of() : deferred);
        if (placements.size() + deferred.size() > MAX_PLACEMENTS) {
            throw new IllegalArgumentException("a plan holds at most " + MAX_PLACEMENTS + " placements and deferrals, got "
                    + (placements.size() + deferred.size()));
        }
        Set<String> agents = new HashSet<>();
        for (Placement p : placements) {
            if (!agents.add(p.agentId())) {
                throw new IllegalArgumentException("agent " + p.agentId() + " appears twice in plan " + planId);
            }
        }
    }

    /** An agent that stays pending, and why (shown to operators as its pending reason). */
    public record Deferred(String agentId, String reason) {
        public Deferred {
            Ids.requireId("agent_id", agentId);
            reason = reason == null ? "" : reason;
            if (reason.length() > 2000) {
                reason = reason.substring(0, 2000);
            }
        }
    }

    /** One agent and the nodes for its copies, primary first. */
    public record Placement(String agentId, List<String> nodes) {
        public Placement {
            Ids.requireId("agent_id", agentId);
            nodes = List.copyOf(nodes == null ? List.of() : nodes);
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("placement of " + agentId + " names no node");
            }
            nodes.forEach(n -> Ids.requireId("node_id", n));
        }
    }
}
