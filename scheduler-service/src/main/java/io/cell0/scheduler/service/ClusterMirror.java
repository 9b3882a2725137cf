package io.cell0.scheduler.service;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import io.cell0.scheduler.pipeline.ClusterView;
import io.cell0.scheduler.pipeline.NodeView;
import io.cell0.scheduler.pipeline.PlacementRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The scheduler's copy of the cluster, kept current from the coordinator's watch API: every node and
 * every agent as JSON, and the log index they reflect. A node holds a data set when it advertises
 * the capability tag {@code data:<set>}; that is what the data-locality scorer looks at.
 */
public final class ClusterMirror {
    private final TreeMap<String, JsonNode> nodes = new TreeMap<>();
    private final TreeMap<String, JsonNode> agents = new TreeMap<>();
    private long appliedIndex;
    private long version;

    /** Applies one watch answer; a reset replaces everything. */
    public synchronized void apply(JsonNode watch) {
        if (watch.path("reset").asBoolean(false)) {
            nodes.clear();
            agents.clear();
        }
        watch.path("nodes").forEach(n -> nodes.put(n.path("node_id").asString(), n));
        watch.path("agents").forEach(a -> agents.put(a.path("agent_id").asString(), a));
        watch.path("removed_nodes").forEach(id -> nodes.remove(id.asString()));
        watch.path("removed_agents").forEach(id -> agents.remove(id.asString()));
        appliedIndex = Math.max(appliedIndex, watch.path("applied_index").asLong());
        version++;
    }

    public synchronized long appliedIndex() {
        return appliedIndex;
    }

    /** Rises with every applied watch answer. */
    public synchronized long version() {
        return version;
    }

    public synchronized ClusterView view() {
        Map<String, Integer> agentCount = new HashMap<>();
        for (JsonNode a : agents.values()) {
            for (String n : nodesOf(a)) {
                agentCount.merge(n, 1, Integer::sum);
            }
        }
        List<NodeView> views = new ArrayList<>(nodes.size());
        for (JsonNode n : nodes.values()) {
            Set<String> data = new LinkedHashSet<>();
            n.path("capabilities").forEach(t -> {
                if (t.asString().startsWith("data:")) {
                    data.add(t.asString().substring("data:".length()));
                }
            });
            String id = n.path("node_id").asString();
            views.add(new NodeView(id, n.path("zone").asString(""), NodeStatus.valueOf(upper(n.path("status").asString("down"))),
                    NodeRole.valueOf(upper(n.path("role").asString("voter"))), resources(n.path("total")),
                    resources(n.path("allocated")), agentCount.getOrDefault(id, 0), data, false, n.path("draining").asBoolean(false)));
        }
        return ClusterView.of(appliedIndex, views);
    }

    /**
     * Pending agents as placement requests, and running agents short of copies (one drained away or
     * lost with a node) as requests for the missing ones, keeping the nodes they run on.
     */
    public synchronized List<PlacementRequest> pending() {
        List<PlacementRequest> out = new ArrayList<>();
        for (JsonNode a : agents.values()) {
            if ("pending".equals(a.path("state").asString())) {
                out.add(request(a));
            } else if (shortOfCopies(a)) {
                List<String> nodes = nodesOf(a);
                PlacementRequest full = request(a);
                out.add(full.withReplicas(full.replicas() - nodes.size()).withKeep(nodes));
            }
        }
        return out;
    }

    /** Running agents short of copies, with the nodes they run on (primary first). */
    public synchronized java.util.Map<String, List<String>> shortOfCopies() {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        for (JsonNode a : agents.values()) {
            if (shortOfCopies(a)) {
                out.put(a.path("agent_id").asString(), nodesOf(a));
            }
        }
        return out;
    }

    private static boolean shortOfCopies(JsonNode a) {
        if (!"running".equals(a.path("state").asString())) {
            return false;
        }
        int have = nodesOf(a).size();
        return have > 0 && have < Math.max(1, a.path("placement").path("replicas").asInt(1));
    }

    public synchronized int pendingCount() {
        int n = 0;
        for (JsonNode a : agents.values()) {
            n += "pending".equals(a.path("state").asString()) || shortOfCopies(a) ? 1 : 0;
        }
        return n;
    }

    public synchronized Optional<PlacementRequest> request(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(ClusterMirror::request);
    }

    public synchronized Optional<String> pendingReason(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(a -> a.path("pending_reason").asString(""));
    }

    public synchronized int nodeCount() {
        return nodes.size();
    }

    public synchronized int agentCount() {
        return agents.size();
    }

    static PlacementRequest request(JsonNode a) {
        JsonNode placement = a.path("placement");
        Set<String> zones = new LinkedHashSet<>();
        placement.path("zones").forEach(z -> zones.add(z.asString()));
        Set<String> data = new LinkedHashSet<>();
        a.path("required_data").forEach(d -> data.add(d.asString()));
        return new PlacementRequest(a.path("agent_id").asString(), resources(a.path("resources")),
                Math.max(1, placement.path("replicas").asInt(1)), placement.path("preferred_zone").asString(""), zones, data,
                a.path("priority").asInt(0), a.path("created_at").asLong(0));
    }

    private static List<String> nodesOf(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a.hasNonNull("node")) {
            out.add(a.path("node").asString());
        }
        a.path("replicas").forEach(r -> out.add(r.asString()));
        return out;
    }

    private static Resources resources(JsonNode r) {
        return new Resources(r.path("cpu_millis").asLong(0), r.path("memory_mb").asLong(0), r.path("gpus").asLong(0),
                r.path("storage_mb").asLong(0));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
