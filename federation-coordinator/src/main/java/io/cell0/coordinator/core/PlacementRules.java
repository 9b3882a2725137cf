package io.cell0.coordinator.core;

import io.cell0.model.AgentPlacement;
import io.cell0.model.AgentState;
import io.cell0.model.NodeInfo;
import io.cell0.model.ResourceAllocation;
import io.cell0.model.ResourceCapacity;
import io.cell0.model.Resources;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.PlacementPlan;
import io.cell0.model.command.RejectReason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Putting an agent on nodes: used by {@code AgentSpawn} with nodes and by {@code PlacementPlan}.
 * Every copy reserves the agent's resources on its node as an allocation owned by the agent, so a
 * node's {@code allocated} always covers the agents it runs and {@code AgentKill} frees them.
 */
final class PlacementRules {
    private PlacementRules() {
    }

    /** Either a rejection or the nodes as they will be once the agent's copies hold their resources. */
    record Check(CommandResult rejection, List<String> nodes, List<NodeInfo> updatedNodes) {
    }

    static Check check(ClusterState s, long index, AgentPlacement agent, List<String> nodes) {
        Check c = checkNodes(s, index, agent, nodes);
        if (c.rejection() != null) {
            return c;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (s.allocations.containsKey(allocationId(agent.agentId(), i))) {
                return rejected(index, RejectReason.DUPLICATE_ALLOCATION,
                        "allocation " + allocationId(agent.agentId(), i) + " already exists");
            }
        }
        return c;
    }

    /** Every node distinct, active, allowed by the agent's zones, not still stopping an old copy, and with room. */
    private static Check checkNodes(ClusterState s, long index, AgentPlacement agent, List<String> nodes) {
        Set<String> seen = new HashSet<>();
        Resources need = agent.config().resources();
        List<NodeInfo> updated = new ArrayList<>();
        for (String nodeId : nodes) {
            if (!seen.add(nodeId)) {
                return rejected(index, RejectReason.INVALID,
                        "agent " + agent.agentId() + " names node " + nodeId + " twice; replicas must be on distinct nodes");
            }
            if (agent.stopping().contains(nodeId)) {
                return rejected(index, RejectReason.INVALID, "node " + nodeId + " has not yet confirmed that its previous copy of agent "
                        + agent.agentId() + " stopped");
            }
            CommandResult inactive = AgentRules.checkActive(s, index, nodeId);
            if (inactive != null) {
                return new Check(inactive, nodes, List.of());
            }
            NodeInfo node = s.nodes.get(nodeId);
            List<String> zones = agent.config().allowedZones();
            if (!zones.isEmpty() && !zones.contains(node.zone())) {
                return rejected(index, RejectReason.INVALID, "agent " + agent.agentId() + " may run only in zones " + zones
                        + "; node " + nodeId + " is in zone '" + node.zone() + "'");
            }
            Resources free = node.resources().free();
            if (!need.fitsWithin(free)) {
                return rejected(index, RejectReason.INSUFFICIENT_CAPACITY,
                        "node " + nodeId + " cannot hold agent " + agent.agentId() + ": " + Format.shortfall(need, free));
            }
            updated.add(node.withResources(new ResourceCapacity(node.resources().total(), node.resources().allocated().plus(need))));
        }
        return new Check(null, List.copyOf(nodes), updated);
    }

    private static Check rejected(long index, RejectReason reason, String message) {
        return new Check(CommandResult.rejected(index, reason, message), List.of(), List.of());
    }

    /** Writes a successful {@link #check}: allocations, node totals, and the agent placed and running. */
    static void commit(ClusterState s, AgentPlacement agent, Check check, long timestamp) {
        Resources need = agent.config().resources();
        if (!need.isZero()) {
            for (int i = 0; i < check.nodes().size(); i++) {
                s.addAllocation(new ResourceAllocation(allocationId(agent.agentId(), i), agent.agentId(), need,
                        check.nodes().get(i), timestamp, 0));
            }
            check.updatedNodes().forEach(s::putNode);
        }
        s.putAgent(agent.placedOn(check.nodes(), AgentState.RUNNING, ""));
    }

    /**
     * Applies what still holds of a plan; the rest stays pending. Agents the scheduler could not place
     * get its reason as their pending reason, so {@code GET /federation/agents/{id}} says why.
     */
    static CommandResult plan(ClusterState s, long index, PlacementPlan plan) {
        int placed = 0;
        StringJoiner refused = new StringJoiner("; ");
        for (PlacementPlan.Placement p : plan.placements()) {
            AgentPlacement agent = s.agents.get(p.agentId());
            String problem = null;
            if (agent == null) {
                problem = "no agent " + p.agentId();
            } else if (agent.isPlaced()) {
                problem = topUp(s, index, agent, p.nodes(), plan.timestamp());
                if (problem == null) {
                    placed++;
                }
            } else if (p.nodes().size() != agent.config().replicas()) {
                problem = "agent " + p.agentId() + " needs " + agent.config().replicas() + " node(s), the plan names "
                        + p.nodes().size();
            } else {
                Check check = check(s, index, agent, p.nodes());
                if (check.rejection() != null) {
                    problem = check.rejection().message();
                } else {
                    commit(s, agent, check, plan.timestamp());
                    placed++;
                }
            }
            if (problem != null) {
                refused.add(problem);
            }
        }
        for (PlacementPlan.Deferred d : plan.deferred()) {
            AgentPlacement agent = s.agents.get(d.agentId());
            if (agent != null && !agent.isPlaced() && !agent.pendingReason().equals(d.reason())) {
                s.putAgent(agent.placedOn(List.of(), agent.state(), d.reason()));
            }
        }
        String summary = "plan " + plan.planId() + " (read at index " + plan.readIndex() + "): placed " + placed + " of "
                + plan.placements().size();
        return new CommandResult(index, null, refused.length() == 0 ? summary : summary + "; refused: " + refused, 0);
    }

    /**
     * A placed agent with fewer copies than it asks for (one was drained away, or lost with a node)
     * gets new ones: the plan must name the agent's current nodes first, in order, then the new ones,
     * {@code replicas} in all. Only the new nodes are checked and charged; the copies already running
     * are untouched. Returns the problem, or null when applied.
     */
    private static String topUp(ClusterState s, long index, AgentPlacement agent, List<String> nodes, long timestamp) {
        List<String> current = agent.nodes();
        if (current.size() >= agent.config().replicas()) {
            return "agent " + agent.agentId() + " is already placed on " + current;
        }
        if (nodes.size() != agent.config().replicas() || !nodes.subList(0, current.size()).equals(current)) {
            return "agent " + agent.agentId() + " runs on " + current + " and needs " + agent.config().replicas()
                    + " node(s): a plan for it must name " + current + " first, then the new ones; it names " + nodes;
        }
        List<String> added = nodes.subList(current.size(), nodes.size());
        for (String n : added) {
            if (current.contains(n)) {
                return "agent " + agent.agentId() + " names node " + n + " twice; replicas must be on distinct nodes";
            }
        }
        Check check = checkNodes(s, index, agent, added);
        if (check.rejection() != null) {
            return check.rejection().message();
        }
        Resources need = agent.config().resources();
        if (!need.isZero()) {
            int copy = 0;
            for (String n : added) {
                while (s.allocations.containsKey(allocationId(agent.agentId(), copy))) {
                    copy++;
                }
                s.addAllocation(new ResourceAllocation(allocationId(agent.agentId(), copy), agent.agentId(), need, n, timestamp, 0));
            }
            check.updatedNodes().forEach(s::putNode);
        }
        List<String> all = new ArrayList<>(current);
        all.addAll(added);
        s.putAgent(agent.placedOn(all, agent.state(), ""));
        return null;
    }

    /**
     * The id of the allocation held by copy {@code copy} (0 = primary) of an agent. Ids longer than
     * the id limit keep a prefix and a hash of the whole agent id.
     */
    static String allocationId(String agentId, int copy) {
        String id = agentId + ":" + copy;
        if (id.length() <= 128) {
            return id;
        }
        return agentId.substring(0, 100) + "-" + Integer.toHexString(agentId.hashCode()) + ":" + copy;
    }
}
