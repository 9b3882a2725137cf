package io.cell0.model;

/**
 * One key of the replicated configuration.
 *
 * @param valueJson the value as JSON text
 * @param version   the cluster {@code config_version} at which this key was last written; used for
 *                  compare-and-set
 */
public record ConfigEntry(String key, String valueJson, long version) {
    public ConfigEntry {
        if (!Ids.isValidConfigKey(key)) {
            throw new IllegalArgumentException("invalid config key '" + key + "'");
        }
        if (valueJson == null) {
            throw new IllegalArgumentException("config value is required");
        }
    }
}
