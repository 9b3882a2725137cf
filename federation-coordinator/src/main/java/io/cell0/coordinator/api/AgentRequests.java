package io.cell0.coordinator.api;

import io.cell0.model.AgentConfig;
import io.cell0.model.AgentState;
import io.cell0.model.Ids;
import io.cell0.model.NodeInfo;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks an agent request against the API's rules and the cluster it will run in, and turns it into
 * an {@link AgentConfig}. Every refusal names the field, so the client knows what to fix; nothing
 * is committed for a refused request.
 */
final class AgentRequests {
    static final long MAX_CPU_MILLIS = 1_000_000;
    static final long MAX_MEMORY_MB = 64L * 1024 * 1024;
    static final long MAX_GPUS = 1024;
    static final long MAX_STORAGE_MB = 1024L * 1024 * 1024;
    static final int MAX_CONFIG_BYTES = 64 * 1024;
    static final int MAX_AGENT_ID = 100;
    private static final Pattern AGENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> RESTART_POLICIES = Set.of("always", "on-failure", "never");

    static final String ON_DISCONNECT_STOP = "stop";
    static final String ON_DISCONNECT_KEEP = "keep_running";

    private AgentRequests() {
    }

    static AgentConfig toConfig(AgentController.CreateAgent body, List<NodeInfo> nodes, ObjectMapper json) {
        if (!AGENT_TYPE.matcher(body.agentType()).matches()) {
            throw invalid("agent_type must be 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit; got '"
                    + body.agentType() + "'");
        }
        String configJson = checkedConfig(body.config(), json);
        var placement = body.placement() == null ? new AgentController.PlacementRequest(null, null, null) : body.placement();
        int replicas = placement.replicas() == null ? 1 : placement.replicas();
        Set<String> knownZones = nodes.stream().filter(n -> n.status() != NodeStatus.LEFT).map(NodeInfo::zone)
                .filter(z -> !z.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        List<String> zones = placement.zones() == null ? List.of() : placement.zones();
        for (int i = 0; i < zones.size(); i++) {
            String z = zones.get(i);
            if (z == null || !knownZones.contains(z)) {
                throw invalid("placement.zones[" + i + "]: unknown zone '" + z + "'; the cluster's zones are " + knownZones);
            }
        }
        String preferred = placement.preferredZone() == null ? "" : placement.preferredZone();
        if (!preferred.isEmpty() && !knownZones.contains(preferred)) {
            throw invalid("placement.preferred_zone: unknown zone '" + preferred + "'; the cluster's zones are " + knownZones);
        }
        long eligible = nodes.stream().filter(n -> n.status() != NodeStatus.LEFT)
                .filter(n -> zones.isEmpty() || zones.contains(n.zone())).count();
        if (replicas > eligible) {
            throw invalid("placement.replicas: " + replicas + " copies must go on distinct nodes, but only " + eligible
                    + " node(s)" + (zones.isEmpty() ? "" : " in zones " + zones) + " can take agents");
        }
        List<String> data = body.requiredData() == null ? List.of() : body.requiredData();
        for (int i = 0; i < data.size(); i++) {
            if (!Ids.isValidId(data.get(i))) {
                throw invalid("required_data[" + i + "] must be a data set id (letters, digits, '.', '-', '_' or ':'), got '"
                        + data.get(i) + "'");
            }
        }
        Resources resources = body.resources() == null ? Resources.ZERO : body.resources().toResources();
        int priority = body.priority() == null ? 0 : body.priority();
        String onDisconnect = body.onDisconnect() == null ? ON_DISCONNECT_STOP : body.onDisconnect();
        if (!onDisconnect.equals(ON_DISCONNECT_STOP) && !onDisconnect.equals(ON_DISCONNECT_KEEP)) {
            throw invalid("on_disconnect must be '" + ON_DISCONNECT_STOP + "' (the default: stop when the node is cut off, so the "
                    + "agent can move) or '" + ON_DISCONNECT_KEEP + "' (keep running there, never moved); got '" + onDisconnect + "'");
        }
        return new AgentConfig(body.agentType(), configJson, resources, replicas, preferred, priority, data, zones,
                onDisconnect.equals(ON_DISCONNECT_KEEP));
    }

    /**
     * The agent's own configuration: any JSON object, with the keys the node runtime reads checked
     * here so that a typo fails now rather than when the process is started on some node.
     */
    static String checkedConfig(JsonNode config, ObjectMapper json) {
        if (config == null || config.isNull()) {
            return "{}";
        }
        if (!config.isObject()) {
            throw invalid("config must be a JSON object");
        }
        JsonNode command = config.get("command");
        if (command != null && !(command.isString() && !command.asString().isBlank()) && !isStringArray(command, true)) {
            throw invalid("config.command must be a non-empty string or a non-empty array of strings");
        }
        JsonNode args = config.get("args");
        if (args != null && !isStringArray(args, false)) {
            throw invalid("config.args must be an array of strings");
        }
        JsonNode env = config.get("env");
        if (env != null) {
            if (!env.isObject()) {
                throw invalid("config.env must be an object of string values");
            }
            for (var e : env.properties()) {
                if (!e.getValue().isString()) {
                    throw invalid("config.env." + e.getKey() + " must be a string");
                }
            }
        }
        JsonNode restart = config.get("restart");
        if (restart != null && !(restart.isString() && RESTART_POLICIES.contains(restart.asString()))) {
            throw invalid("config.restart must be one of " + new TreeSet<>(RESTART_POLICIES));
        }
        JsonNode max = config.get("max_restarts");
        if (max != null && !(max.isIntegralNumber() && max.asLong() >= 0 && max.asLong() <= 1000)) {
            throw invalid("config.max_restarts must be an integer from 0 to 1000");
        }
        String text = json.writeValueAsString(config);
        if (text.length() > MAX_CONFIG_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "urn:cell0:problem:too-large",
                    "config is " + text.length() + " bytes; at most " + MAX_CONFIG_BYTES + " are allowed");
        }
        return text;
    }

    private static boolean isStringArray(JsonNode n, boolean nonEmpty) {
        if (!n.isArray() || (nonEmpty && n.isEmpty())) {
            return false;
        }
        for (JsonNode e : n) {
            if (!e.isString()) {
                return false;
            }
        }
        return true;
    }

    static String checkedAgentId(String id) {
        if (!Ids.isValidId(id) || id.length() > MAX_AGENT_ID) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-id", "agent id must be 1-" + MAX_AGENT_ID
                    + " letters, digits, '.', '-', '_' or ':', not starting with '.'; got '" + id + "'");
        }
        return id;
    }

    static String checkedNodeId(String id) {
        if (!Ids.isValidId(id)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-id",
                    "node id must be 1-128 letters, digits, '.', '-', '_' or ':'; got '" + id + "'");
        }
        return id;
    }

    static String checkedState(String state) {
        List<String> states = new ArrayList<>();
        Arrays.stream(AgentState.values()).forEach(s -> states.add(s.name().toLowerCase(Locale.ROOT)));
        if (!states.contains(state)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-parameter",
                    "state must be one of " + states + ", got '" + state + "'");
        }
        return state;
    }

    /** Printable ASCII, 1-256 characters; absent means no idempotency. */
    static String checkedIdempotencyKey(String key) {
        if (key == null) {
            return "";
        }
        if (key.isEmpty() || key.length() > 256 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "urn:cell0:problem:invalid-idempotency-key",
                    "Idempotency-Key must be 1-256 printable ASCII characters without spaces");
        }
        return key;
    }

    /** A fresh agent id for a create that named none. */
    static String newAgentId() {
        return "agent-" + java.util.UUID.randomUUID().toString().substring(0, 13);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-agent", detail);
    }
}
