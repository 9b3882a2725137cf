package io.cell0.coordinator.api;

import io.cell0.model.command.CommandResult;
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

    /** One command of a batch. {@code type} names the command; only {@code config_update} exists so far. */
    record BatchCommand(@NotBlank(message = "is required") String type, String key, JsonNode value,
                        @Min(value = 0, message = "must be >= 0 (0 = the key must not exist yet)") Long expectedVersion) {
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
        List<ConfigUpdate> commands = new ArrayList<>(request.commands().size());
        for (int i = 0; i < request.commands().size(); i++) {
            commands.add(toCommand(request.commands().get(i), now, "commands[" + i + "]: "));
        }
        List<BatchResult> results = new ArrayList<>(commands.size());
        int applied = 0;
        for (CommandResult r : cluster.submitAll(commands)) {
            results.add(BatchResult.of(r));
            applied += r.isAccepted() ? 1 : 0;
        }
        return new BatchReply(applied, results.size() - applied, results);
    }

    private ConfigUpdate toCommand(BatchCommand c, long now, String where) {
        if (!"config_update".equals(c.type())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:unknown-command-type",
                    where + "type '" + c.type() + "' is not a batchable command; known: config_update");
        }
        if (c.value() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-command",
                    where + "value is required (any JSON value, null included)");
        }
        return ConfigController.toCommand(json, c.key(), c.value(), c.expectedVersion(), now, where);
    }
}
