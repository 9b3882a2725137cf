package io.cell0.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The replicated key/value configuration and its version (seed {@code config_version}): the version
 * rises by one with every accepted {@code ConfigUpdate}.
 */
public record ClusterConfig(long version, SortedMap<String, ConfigEntry> entries) {
    public static final ClusterConfig EMPTY = new ClusterConfig(0, new TreeMap<>());

    public ClusterConfig {
        entries = Collections.unmodifiableSortedMap(SortedCopies.naturalOrder(entries));
    }
}
