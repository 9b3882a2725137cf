package io.cell0.coordinator.api;

import io.cell0.model.AgentPlacement;
import io.cell0.model.NodeInfo;
import io.cell0.model.ReplicaStatus;
import io.cell0.model.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The JSON shapes of nodes and agents, shared by the agent API and the watch API. */
final class Views {
    private Views() {
    }

    record ResourcesView(long cpuMillis, long memoryMb, long gpus, long storageMb) {
        static ResourcesView of(Resources r) {
            return new ResourcesView(r.cpuMillis(), r.memoryMb(), r.gpus(), r.storageMb());
        }
    }

    record NodeView(String nodeId, String role, String status, String address, String apiAddress, String zone,
                    List<String> capabilities, ResourcesView total, ResourcesView allocated, ResourcesView free,
                    long lastHeartbeat, long joinedAt, boolean draining) {
        static NodeView of(NodeInfo n) {
            return new NodeView(n.id(), lower(n.role()), lower(n.status()), n.address(), n.apiAddress(), n.zone(),
                    n.capabilities().tags(), ResourcesView.of(n.resources().total()), ResourcesView.of(n.resources().allocated()),
                    ResourcesView.of(n.resources().free()), n.lastHeartbeat(), n.joinedAt(), n.draining());
        }
    }

    record RuntimeView(String phase, int exitCode, int restarts, String message, long updatedAt) {
        static RuntimeView of(ReplicaStatus s) {
            return new RuntimeView(lower(s.phase()), s.exitCode(), s.restarts(), s.message(), s.updatedAt());
        }
    }

    record PlacementView(String preferredZone, int replicas, List<String> zones) {
    }

    /**
     * One agent. The seed's list entry ({@code agent_id}, {@code node}, {@code state}, {@code replicas})
     * comes first; the rest says what it needs and, while pending, why. {@code stopping}: nodes a copy
     * was moved away from that have not yet confirmed it stopped (no new copy starts until then).
     * {@code on_disconnect}: the agent's choice when its node loses the cluster, {@code stop} or
     * {@code keep_running}.
     */
    record AgentView(String agentId, String node, String state, List<String> replicas, String agentType, JsonNode config,
                     PlacementView placement, ResourcesView resources, int priority, List<String> requiredData,
                     String pendingReason, Map<String, RuntimeView> runtime, long createdAt, List<String> stopping,
                     String onDisconnect) {
        static AgentView of(AgentPlacement a, ObjectMapper json) {
            Map<String, RuntimeView> runtime = new LinkedHashMap<>();
            a.runtime().forEach((node, s) -> runtime.put(node, RuntimeView.of(s)));
            var c = a.config();
            return new AgentView(a.agentId(), a.primaryNode().isEmpty() ? null : a.primaryNode(), lower(a.state()), a.replicaNodes(),
                    c.agentType(), json.readTree(c.configJson()), new PlacementView(c.preferredZone(), c.replicas(), c.allowedZones()),
                    ResourcesView.of(c.resources()), c.priority(), c.requiredData(), a.pendingReason(), runtime, a.createdAt(),
                    a.stopping(), c.keepRunningWhenDisconnected() ? AgentRequests.ON_DISCONNECT_KEEP : AgentRequests.ON_DISCONNECT_STOP);
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
