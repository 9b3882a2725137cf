package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plugins the pipeline knows, in the order they run. Filters run cheapest and most fundamental
 * first, so a node that is both DOWN and full is reported as DOWN: that is the fact an operator needs.
 * Scorers run in a fixed order so that totals are summed identically on every run.
 */
final class Plugins {
    static final List<FilterPlugin> FILTERS = List.of(
            new NodeHealthy(), new ZoneConstraint(), new DistinctNodes(), new CapacityFit());
    static final List<ScorePlugin> SCORERS = List.of(
            new DataLocality(), new ZoneAffinity(), new ZoneSpread(), new LoadBalancing(), new BinPacking());

    private Plugins() {
    }

    static List<String> filterNames() {
        List<String> out = new ArrayList<>();
        FILTERS.forEach(f -> out.add(f.name()));
        return out;
    }

    static List<String> scorerNames() {
        List<String> out = new ArrayList<>();
        SCORERS.forEach(s -> out.add(s.name()));
        return out;
    }

    /**
     * The plugin a config key means. Spring keeps map keys as written and drops some characters from
     * them, so {@code data-locality}, {@code data_locality}, {@code datalocality} and {@code DataLocality}
     * all mean the same plugin.
     */
    static Optional<String> resolve(String key) {
        String wanted = canonical(key);
        for (String name : filterNames()) {
            if (canonical(name).equals(wanted)) {
                return Optional.of(name);
            }
        }
        for (String name : scorerNames()) {
            if (canonical(name).equals(wanted)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    static boolean isFilter(String name) {
        return filterNames().contains(name);
    }

    private static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").strip();
    }
}
