package io.cell0.model.command;

import io.cell0.model.Ids;

/**
 * Sets one configuration key. With {@code expectedVersion >= 0} it is a compare-and-set: it applies
 * only if the key's current version equals it ({@code 0} meaning "the key does not exist yet").
 *
 * @param valueJson       the new value as JSON text
 * @param expectedVersion {@link #ANY_VERSION} for an unconditional write
 */
public record ConfigUpdate(String key, String valueJson, long expectedVersion, long timestamp) implements Command {
    public static final long ANY_VERSION = -1;

    public ConfigUpdate {
        if (!Ids.isValidConfigKey(key)) {
            throw new IllegalArgumentException("config key must be 1-256 characters of letters, digits, '.', '-', '_', ':' or '/', got '"
                    + key + "'");
        }
        if (valueJson == null) {
            throw new IllegalArgumentException("config value is required");
        }
        if (expectedVersion < ANY_VERSION) {
            throw new IllegalArgumentException("expected_version must be >= 0 (or absent for an unconditional write), got " + expectedVersion);
        }
    }

    public boolean isCompareAndSet() {
        return expectedVersion != ANY_VERSION;
    }
}
