package io.cell0.coordinator.drain;

import io.cell0.model.AgentPlacement;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.RuntimePhase;
import io.cell0.model.command.AgentEvict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Decides which copies to take off draining nodes next, from the replicated state alone (no clock,
 * no I/O). Per draining node at most {@code maxParallel} copies are on their way at once (taken but
 * not yet confirmed stopped). An agent with one copy is moved (it is down between the old copy's
 * stop and the new one's start: live migration will close that gap) only when another node has room
 * for it, so a drain never turns a running agent into a pending one; an agent with several copies
 * gives one up only while every other copy reports running, so its copies are never all down.
 */
public final class DrainPlanner {
    private DrainPlanner() {
    }

    /**
     * @param inFlight agents whose eviction this leader proposed and that has not been applied yet
     * @param now      the timestamp stamped on the commands
     */
    public static List<AgentEvict> next(Collection<NodeInfo> nodes, Collection<AgentPlacement> agents, int maxParallel,
                                        Set<String> inFlight, long now) {
        List<AgentEvict> out = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (!node.draining() || node.status() == NodeStatus.LEFT) {
                continue;
            }
            int moving = 0;
            for (AgentPlacement a : agents) {
                if (a.stopping().contains(node.id()) || (inFlight.contains(a.agentId()) && a.usesNode(node.id()))) {
                    moving++;
                }
            }
            for (AgentPlacement a : agents) {
                if (moving >= maxParallel) {
                    break;
                }
                if (!a.usesNode(node.id()) || !a.stopping().isEmpty() || inFlight.contains(a.agentId())) {
                    continue;
                }
                if (a.nodes().size() > 1 && !othersRunning(a, node.id())) {
                    continue; // taking this copy now could leave the agent with none running
                }
                if (a.nodes().size() == 1 && !roomElsewhere(a, nodes)) {
                    continue; // it would wait pending, not running anywhere: leave it until there is room
                }
                out.add(new AgentEvict(a.agentId(), node.id(), "node " + node.id() + " is draining", now));
                moving++;
            }
        }
        return out;
    }

    /**
     * Some other node that takes work has the free resources for the agent in a zone it allows. A
     * first check only: the scheduler's other rules may still keep it pending.
     */
    private static boolean roomElsewhere(AgentPlacement a, Collection<NodeInfo> nodes) {
        List<String> zones = a.config().allowedZones();
        for (NodeInfo n : nodes) {
            if (n.acceptsWork() && !a.usesNode(n.id()) && !a.stopping().contains(n.id())
                    && (zones.isEmpty() || zones.contains(n.zone())) && a.config().resources().fitsWithin(n.resources().free())) {
                return true;
            }
        }
        return false;
    }

    private static boolean othersRunning(AgentPlacement a, String leaving) {
        for (String n : a.nodes()) {
            if (n.equals(leaving)) {
                continue;
            }
            ReplicaStatus st = a.runtime().get(n);
            if (st == null || st.phase() != RuntimePhase.RUNNING) {
                return false;
            }
        }
        return true;
    }
}
