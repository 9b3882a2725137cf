package io.cell0.coordinator.api;

import io.cell0.coordinator.consensus.AppliedIndexWaiter;
import io.cell0.model.AgentConfig;
import io.cell0.model.Ids;
import io.cell0.model.NodeInfo;
import io.cell0.model.Resources;
import io.cell0.model.command.AgentKill;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.RejectReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The seed's "Agent Federation" API. Creating an agent commits an {@code AgentSpawn} with no node: the
 * agent is pending until the scheduler's plan places it. An {@code Idempotency-Key} header makes a
 * retried create safe: the key is stored with the agent in the replicated state, so a retry on any
 * node, also after a leader change, answers with the agent the first attempt created.
 */
@RestController
class AgentController {
    private final ClusterGateway cluster;
    private final ObjectMapper json;
    private final Clock clock;
    private final AppliedIndexWaiter applied;

    AgentController(ClusterGateway cluster, ObjectMapper json, Clock clock, AppliedIndexWaiter applied) {
        this.cluster = cluster;
        this.json = json;
        this.clock = clock;
        this.applied = applied;
    }

    record ResourcesRequest(@Min(value = 0, message = "must be >= 0") @Max(value = AgentRequests.MAX_CPU_MILLIS,
            message = "must be at most " + AgentRequests.MAX_CPU_MILLIS + " (1,000 cores)") Long cpuMillis,
                            @Min(value = 0, message = "must be >= 0") @Max(value = AgentRequests.MAX_MEMORY_MB,
                                    message = "must be at most " + AgentRequests.MAX_MEMORY_MB + " (64 TiB)") Long memoryMb,
                            @Min(value = 0, message = "must be >= 0") @Max(value = AgentRequests.MAX_GPUS,
                                    message = "must be at most " + AgentRequests.MAX_GPUS) Long gpus,
                            @Min(value = 0, message = "must be >= 0") @Max(value = AgentRequests.MAX_STORAGE_MB,
                                    message = "must be at most " + AgentRequests.MAX_STORAGE_MB + " (1 PiB)") Long storageMb) {
        /** Absent amounts are zero. */
        Resources toResources() {
            return new Resources(orZero(cpuMillis), orZero(memoryMb), orZero(gpus), orZero(storageMb));
        }

        private static long orZero(Long v) {
            return v == null ? 0 : v;
        }
    }

    record PlacementRequest(String preferredZone,
                            @Min(value = 1, message = "must be at least 1") @Max(value = 100, message = "must be at most 100")
                            Integer replicas,
                            @Size(max = 64, message = "lists at most 64 zones") List<String> zones) {
    }

    record CreateAgent(String agentId,
                       @NotBlank(message = "is required") @Size(max = 64, message = "is at most 64 characters") String agentType,
                       JsonNode config,
                       @Valid PlacementRequest placement,
                       @Valid ResourcesRequest resources,
                       @Min(value = -1000, message = "must be >= -1000") @Max(value = 1000, message = "must be <= 1000") Integer priority,
                       @Size(max = 32, message = "lists at most 32 data sets") List<String> requiredData,
                       String onDisconnect) {
    }

    record AgentList(long appliedIndex, List<Views.AgentView> agents) {
    }

    record AgentDeleted(String agentId, boolean deleted, long index) {
    }

    @PostMapping("/federation/agents")
    ResponseEntity<Views.AgentView> create(@Valid @RequestBody CreateAgent body,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String key = AgentRequests.checkedIdempotencyKey(idempotencyKey);
        // Checked against the local replica: a create needs one quorum round (the spawn itself), not
        // three. The state machine is what makes the key safe; this only saves a proposal.
        if (!key.isEmpty()) {
            var existing = cluster.read(true, s -> s.agentForIdempotencyKey(key).flatMap(s::agent)
                    .map(a -> Views.AgentView.of(a, json)));
            if (existing.isPresent()) {
                return ResponseEntity.ok(existing.get());
            }
        }
        List<NodeInfo> nodes = cluster.read(true, s -> List.copyOf(s.nodes().values()));
        AgentConfig config = AgentRequests.toConfig(body, nodes, json);
        String id = body.agentId() != null ? AgentRequests.checkedAgentId(body.agentId()) : AgentRequests.newAgentId();
        CommandResult result = cluster.submit(new AgentSpawn(id, config, "", List.of(), clock.millis(), key));
        if (!result.isAccepted() && result.reason() == RejectReason.DUPLICATE_AGENT && body.agentId() == null) {
            id = AgentRequests.newAgentId();
            result = cluster.submit(new AgentSpawn(id, config, "", List.of(), clock.millis(), key));
        }
        CommandResult accepted = Rejections.requireAccepted(result);
        boolean replay = !accepted.message().isEmpty();
        String agentId = replay ? accepted.message() : id;
        awaitLocally(accepted.index());
        Views.AgentView view = cluster.read(true, s -> s.agent(agentId).map(a -> Views.AgentView.of(a, json)))
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "urn:cell0:problem:agent-gone",
                        "agent " + agentId + " was created at index " + accepted.index() + " but has been deleted since"));
        return replay ? ResponseEntity.ok(view) : ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @GetMapping("/federation/agents")
    AgentList list(@RequestParam(defaultValue = "false") boolean stale, @RequestParam(required = false) String node,
                   @RequestParam(required = false) String state) {
        if (node != null) {
            AgentRequests.checkedNodeId(node);
        }
        String wantedState = state == null ? null : AgentRequests.checkedState(state);
        return cluster.read(stale, s -> new AgentList(s.appliedIndex(), s.agents().values().stream()
                .filter(a -> node == null || a.usesNode(node))
                .filter(a -> wantedState == null || Views.lower(a.state()).equals(wantedState))
                .map(a -> Views.AgentView.of(a, json)).toList()));
    }

    @GetMapping("/federation/agents/{agentId}")
    Views.AgentView one(@PathVariable String agentId, @RequestParam(defaultValue = "false") boolean stale) {
        String id = AgentRequests.checkedAgentId(agentId);
        return cluster.read(stale, s -> s.agent(id).map(a -> Views.AgentView.of(a, json)))
                .orElseThrow(() -> unknown(id));
    }

    @DeleteMapping("/federation/agents/{agentId}")
    AgentDeleted delete(@PathVariable String agentId) {
        String id = AgentRequests.checkedAgentId(agentId);
        CommandResult result = cluster.submit(new AgentKill(id, clock.millis()));
        if (!result.isAccepted() && result.reason() == RejectReason.UNKNOWN_AGENT) {
            throw unknown(id);
        }
        Rejections.requireAccepted(result);
        return new AgentDeleted(id, true, result.index());
    }

    /** Waits until this node has applied {@code index}, so a local read shows the committed change. */
    private void awaitLocally(long index) {
        try {
            if (!applied.awaitApplied(index, 10_000)) {
                throw new io.cell0.coordinator.consensus.ConsensusUnavailableException(
                        "index " + index + " is committed but not yet applied on this node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cell0.coordinator.consensus.ConsensusUnavailableException("interrupted");
        }
    }

    private static ApiException unknown(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "urn:cell0:problem:unknown-agent", "no agent " + id);
    }

}
