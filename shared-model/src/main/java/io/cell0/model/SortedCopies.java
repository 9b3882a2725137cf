package io.cell0.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Copies maps into natural key order, so a caller's map with another comparator cannot change an
 * encoding. Its own class: {@link ClusterConfig} and {@link ClusterStateView} both use it, and
 * keeping it in either one made their static initialisers depend on each other (touching
 * {@code ClusterConfig} first failed with {@code ExceptionInInitializerError}).
 */
final class SortedCopies {
    private SortedCopies() {
    }

    static <V> TreeMap<String, V> naturalOrder(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>();
        copy.putAll(map);
        return copy;
    }
}
