package io.cell0.coordinator.api;

import io.cell0.model.ConfigEntry;
import io.cell0.model.Ids;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The replicated key/value configuration: {@code ConfigUpdate} with optional compare-and-set. */
@RestController
class ConfigController {
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private final ClusterGateway cluster;
    private final ObjectMapper json;
    private final Clock clock;

    ConfigController(ClusterGateway cluster, ObjectMapper json, Clock clock) {
        this.cluster = cluster;
        this.json = json;
        this.clock = clock;
    }

    record ConfigWrite(@NotNull(message = "is required (any JSON value, null included)") JsonNode value,
                       @Min(value = 0, message = "must be >= 0 (0 = the key must not exist yet)") Long expectedVersion) {
    }

    record ConfigValue(String key, JsonNode value, long version, long configVersion) {
    }

    record ConfigWritten(String key, JsonNode value, long version, long configVersion, long index) {
    }

    record ConfigListing(long configVersion, Map<String, ConfigValue> entries) {
    }

    @GetMapping("/federation/config")
    ConfigListing all(@RequestParam(defaultValue = "false") boolean stale) {
        return cluster.read(stale, state -> {
            var view = state.configView();
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            view.entries().forEach((k, e) -> entries.put(k, toValue(e, view.version())));
            return new ConfigListing(view.version(), entries);
        });
    }

    @GetMapping("/federation/config/{*key}")
    ConfigValue one(@PathVariable String key, @RequestParam(defaultValue = "false") boolean stale) {
        String k = checkedKey(key);
        return cluster.read(stale, state -> state.configEntry(k).map(e -> toValue(e, state.configVersion())))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "urn:cell0:problem:unknown-config-key",
                        "config key '" + k + "' is not set"));
    }

    @PutMapping("/federation/config/{*key}")
    ConfigWritten put(@PathVariable String key, @Valid @RequestBody ConfigWrite body) {
        String k = checkedKey(key);
        String valueJson = json.writeValueAsString(body.value());
        if (valueJson.length() > MAX_VALUE_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "urn:cell0:problem:too-large",
                    "config value is " + valueJson.length() + " bytes; at most " + MAX_VALUE_BYTES + " are allowed");
        }
        long expected = body.expectedVersion() == null ? ConfigUpdate.ANY_VERSION : body.expectedVersion();
        CommandResult result = Rejections.requireAccepted(
                cluster.submit(new ConfigUpdate(k, valueJson, expected, clock.millis())));
        return new ConfigWritten(k, body.value(), result.version(), result.version(), result.index());
    }

    private ConfigValue toValue(ConfigEntry e, long configVersion) {
        return new ConfigValue(e.key(), json.readTree(e.valueJson()), e.version(), configVersion);
    }

    private static String checkedKey(String raw) {
        String key = raw.startsWith("/") ? raw.substring(1) : raw;
        if (!Ids.isValidConfigKey(key)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-config-key",
                    "config key must be 1-256 characters of letters, digits, '.', '-', '_', ':' or '/', got '" + key + "'");
        }
        return key;
    }
}
