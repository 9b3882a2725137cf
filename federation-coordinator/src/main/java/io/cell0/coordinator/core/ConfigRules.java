package io.cell0.coordinator.core;

import io.cell0.model.ConfigEntry;
import io.cell0.model.command.CommandResult;
import io.cell0.model.command.ConfigUpdate;
import io.cell0.model.command.RejectReason;

/** {@code ConfigUpdate}: every accepted write raises {@code config_version}; the key takes the new version. */
final class ConfigRules {
    private ConfigRules() {
    }

    static CommandResult update(ClusterState s, long index, ConfigUpdate c) {
        ConfigEntry current = s.config.get(c.key());
        long currentVersion = current == null ? 0 : current.version();
        if (c.isCompareAndSet() && c.expectedVersion() != currentVersion) {
            String actual = current == null ? "it does not exist" : "its version is " + currentVersion;
            return new CommandResult(index, RejectReason.VERSION_MISMATCH,
                    "config key '" + c.key() + "': expected version " + c.expectedVersion() + " but " + actual, currentVersion);
        }
        long next = s.configVersion + 1;
        ConfigEntry entry = new ConfigEntry(c.key(), c.valueJson(), next);
        s.putConfig(entry, next);
        return CommandResult.accepted(index, next);
    }
}
