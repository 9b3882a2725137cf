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
        ConfigUpdate update = toCommand(json, key, body.value(), body.expectedVersion(), clock.millis(), "");
        CommandResult result = Rejections.requireAccepted(cluster.submit(update));
        return new ConfigWritten(update.key(), body.value(), result.version(), result.version(), result.index());
    }

    /**
     * Checks a config write from the API and turns it into its command; {@code where} prefixes
     * error messages (e.g. "commands[3]: ") when the write is one of several.
     */
    static ConfigUpdate toCommand(ObjectMapper json, String rawKey, JsonNode value, Long expectedVersion, long now, String where) {
        String k = checkedKey(rawKey, where);
        String valueJson = json.writeValueAsString(value);
        if (valueJson.length() > MAX_VALUE_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "urn:cell0:problem:too-large",
                    where + "config value is " + valueJson.length() + " bytes; at most " + MAX_VALUE_BYTES + " are allowed");
        }
        long expected = expectedVersion == null ? ConfigUpdate.ANY_VERSION : expectedVersion;
        return new ConfigUpdate(k, valueJson, expected, now);
    }

    private ConfigValue toValue(ConfigEntry e, long configVersion) {
        return new ConfigValue(e.key(), json.readTree(e.valueJson()), e.version(), configVersion);
    }

    private static String checkedKey(String raw) {
        return checkedKey(raw, "");
    }

    private static String checkedKey(String raw, String where) {
        String key = raw == null ? "" : raw.startsWith("/") ? raw.substring(1) : raw;
        if (!Ids.isValidConfigKey(key)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-config-key",
                    where + "config key must be 1-256 characters of letters, digits, '.', '-', '_', ':' or '/', got '" + key + "'");
        }
        return key;
    }
}
