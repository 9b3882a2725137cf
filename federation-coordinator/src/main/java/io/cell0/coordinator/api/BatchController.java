package io.cell0.coordinator.api;

import io.cell0.model.Ids;
import io.cell0.model.NodeCapabilities;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeRole;
import io.cell0.model.command.AgentSpawn;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.NodeJoin;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.RejectReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /federation/batch}: many independent commands in one request. They are proposed
 * together, so they share Raft log entries (the seed's batched commits) and one HTTP round trip.
 * Each command succeeds or is rejected on its own — this is not a transaction — and the reply lists
 * one result per command, in order. The whole request is checked before anything is proposed: one
 * malformed command refuses the request and nothing is written.
 */
@RestController
class BatchController {
    static final int MAX_COMMANDS = 1000;

    private final ClusterGateway cluster;
    private final ObjectMapper json;
    private final Clock clock;

    BatchController(ClusterGateway cluster, ObjectMapper json, Clock clock) {
        this.cluster = cluster;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One command of a batch. {@code type} names it: {@code config_update} (key, value,
     * expected_version), {@code node_join} (node_id, zone, capacity, capabilities: registers capacity
     * that is not a coordinator — an edge or external executor, or a benchmark's synthetic node) or
     * {@code agent_spawn} (agent: the body of {@code POST /federation/agents}).
     */
    record BatchCommand(@NotBlank(message = "is required") String type, String key, JsonNode value,
                        @Min(value = 0, message = "must be >= 0 (0 = the key must not exist yet)") Long expectedVersion,
                        String nodeId, String zone, @Valid AgentController.ResourcesRequest capacity, List<String> capabilities,
                        @Valid AgentController.CreateAgent agent) {
    }

    record BatchRequest(@NotNull(message = "is required") @NotEmpty(message = "must hold at least one command")
                        @Size(max = MAX_COMMANDS, message = "holds at most " + MAX_COMMANDS + " commands")
                        List<@Valid @NotNull(message = "must not be null") BatchCommand> commands) {
    }

    /**
     * @param status         {@code applied} or {@code rejected}
     * @param version        for an applied config update, the key's new version
     * @param currentVersion for a compare-and-set rejected on version, the key's version now
     */
    record BatchResult(String status, long index, Long version, String reason, String message, Long currentVersion) {
        static BatchResult of(CommandResult r) {
            if (r.isAccepted()) {
                return new BatchResult("applied", r.index(), r.version(), null, null, null);
            }
            Long current = r.reason() == RejectReason.VERSION_MISMATCH ? r.version() : null;
            return new BatchResult("rejected", r.index(), null, r.reason().name(), r.message(), current);
        }
    }

    record BatchReply(int applied, int rejected, List<BatchResult> results) {
    }

    @PostMapping("/federation/batch")
    BatchReply submit(@Valid @RequestBody BatchRequest request) {
        long now = clock.millis();
        List<Command> commands = new ArrayList<>(request.commands().size());
        List<NodeInfo> nodes = request.commands().stream().anyMatch(c -> "agent_spawn".equals(c.type()))
                ? cluster.read(false, s -> List.copyOf(s.nodes().values())) : List.of();
        for (int i = 0; i < request.commands().size(); i++) {
            commands.add(toCommand(request.commands().get(i), now, "commands[" + i + "]: ", nodes));
        }
        List<BatchResult> results = new ArrayList<>(commands.size());
        int applied = 0;
        for (CommandResult r : cluster.submitAll(commands)) {
            results.add(BatchResult.of(r));
            applied += r.isAccepted() ? 1 : 0;
        }
        return new BatchReply(applied, results.size() - applied, results);
    }

    private Command toCommand(BatchCommand c, long now, String where, List<NodeInfo> nodes) {
        switch (c.type()) {
            case "config_update" -> {
                return configUpdate(c, now, where);
            }
            case "node_join" -> {
                return nodeJoin(c, now, where);
            }
            case "agent_spawn" -> {
                if (c.agent() == null) {
                    throw invalid(where + "agent is required (the body of POST /federation/agents)");
                }
                try {
                    var config = AgentRequests.toConfig(c.agent(), nodes, json);
                    String id = c.agent().agentId() != null ? AgentRequests.checkedAgentId(c.agent().agentId())
                            : AgentRequests.newAgentId();
                    return new AgentSpawn(id, config, "", List.of(), now, "");
                } catch (ApiException e) {
                    throw new ApiException(e.status(), e.type(), where + e.getMessage(), e.properties());
                }
            }
            default -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:unknown-command-type",
                    where + "type '" + c.type() + "' is not a batchable command; known: config_update, node_join, agent_spawn");
        }
    }

    private static Command nodeJoin(BatchCommand c, long now, String where) {
        if (c.nodeId() == null || !Ids.isValidId(c.nodeId())) {
            throw invalid(where + "node_id must be 1-128 letters, digits, '.', '-', '_' or ':', got '" + c.nodeId() + "'");
        }
        if (c.capacity() == null) {
            throw invalid(where + "capacity is required (cpu_millis, memory_mb, gpus, storage_mb)");
        }
        List<String> tags = c.capabilities() == null ? List.of() : c.capabilities();
        if (tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 128)) {
            throw invalid(where + "capabilities must be non-blank strings of at most 128 characters");
        }
        return new NodeJoin(c.nodeId(), NodeRole.EDGE, "", "", c.zone() == null ? "" : c.zone(), new NodeCapabilities(tags),
                c.capacity().toResources(), now);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-command", detail);
    }

    private ConfigUpdate configUpdate(BatchCommand c, long now, String where) {
        if (c.value() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-command",
                    where + "value is required (any JSON value, null included)");
        }
        return ConfigController.toCommand(json, c.key(), c.value(), c.expectedVersion(), now, where);
    }
}
