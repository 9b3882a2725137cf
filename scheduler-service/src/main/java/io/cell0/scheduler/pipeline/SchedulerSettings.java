package io.cell0.scheduler.pipeline;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the pipeline is assembled: which packing strategy, how much each scorer weighs, which scorers are
 * switched off. Validated here, not only in the Spring binding, because settings may also arrive from
 * the replicated config store; every message names the property key so the operator knows what to fix.
 *
 * <p>Filters are hard constraints (capacity, health, allowed zones, distinct nodes): they have no
 * weight and cannot be disabled, since turning one off would let the scheduler overcommit a node or
 * break a placement rule an agent asked for.
 *
 * @param strategy        {@code spread} (enables load-balancing) or {@code binpack} (enables bin-packing)
 * @param weights         weight per scorer; keys missing here take {@link #DEFAULT_WEIGHTS}. After
 *                        construction holds every scorer, under its canonical name
 * @param disabledPlugins scorers to switch off, whatever their weight
 * @param candidateLimit  when planning, stop looking once this many nodes passed the filters and score
 *                        only those (visited in an order seeded by the agent id, spread over the whole
 *                        list); 0 = every node. Trades the best node for a good one on large clusters,
 *                        as Kubernetes' percentageOfNodesToScore and Nomad's candidate limit do.
 *                        Explanations always look at every node
 */
public record SchedulerSettings(String strategy, Map<String, Double> weights, Set<String> disabledPlugins, int candidateLimit) {
    public static final String PREFIX = "cell0.scheduler";
    public static final String SPREAD = "spread";
    public static final String BINPACK = "binpack";

    /**
     * Zone spread outweighs everything because surviving a zone outage is what replicas are for; then
     * data locality (copying data is slow and costly), then the preferred zone, then packing, which only
     * breaks the remaining near-ties.
     */
    public static final Map<String, Double> DEFAULT_WEIGHTS = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            ZoneSpread.NAME, 4.0,
            DataLocality.NAME, 3.0,
            ZoneAffinity.NAME, 2.0,
            LoadBalancing.NAME, 1.0,
            BinPacking.NAME, 1.0)));

    public SchedulerSettings {
        String s = strategy == null ? "" : strategy.strip().toLowerCase(Locale.ROOT);
        if (!s.equals(SPREAD) && !s.equals(BINPACK)) {
            throw new IllegalArgumentException(PREFIX + ".strategy must be '" + SPREAD + "' or '" + BINPACK + "', got "
                    + (strategy == null ? "nothing" : "'" + strategy + "'"));
        }
        strategy = s;
        weights = effectiveWeights(weights);
        disabledPlugins = disabledScorers(disabledPlugins);
        if (candidateLimit < 0) {
            throw new IllegalArgumentException(PREFIX + ".candidate-limit must be 0 (every node) or more, got " + candidateLimit);
        }
    }

    /** Every node scored. */
    public SchedulerSettings(String strategy, Map<String, Double> weights, Set<String> disabledPlugins) {
        this(strategy, weights, disabledPlugins, 0);
    }

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(SPREAD, Map.of(), Set.of());
    }

    public SchedulerSettings withCandidateLimit(int limit) {
        return new SchedulerSettings(strategy, weights, disabledPlugins, limit);
    }

    /** Weight of a scorer by its canonical name. */
    public double weight(String scorer) {
        Double w = weights.get(scorer);
        if (w == null) {
            throw new IllegalArgumentException("no scorer named '" + scorer + "'");
        }
        return w;
    }

    /**
     * Whether the scorer takes part: not disabled, weight above zero, and for the two packing scorers,
     * the one the strategy picks.
     */
    public boolean enabled(String scorer) {
        if (disabledPlugins.contains(scorer) || weight(scorer) == 0.0) {
            return false;
        }
        if (scorer.equals(LoadBalancing.NAME)) {
            return strategy.equals(SPREAD);
        }
        if (scorer.equals(BinPacking.NAME)) {
            return strategy.equals(BINPACK);
        }
        return true;
    }

    private static Map<String, Double> effectiveWeights(Map<String, Double> given) {
        TreeMap<String, Double> out = new TreeMap<>(DEFAULT_WEIGHTS);
        if (given == null) {
            return Collections.unmodifiableMap(out);
        }
        Set<String> seen = new TreeSet<>();
        for (String key : sortedKeys(given.keySet(), "weights")) {
            String property = PREFIX + ".weights." + key;
            String name = scorerNamed(key, property);
            if (!seen.add(name)) {
                throw new IllegalArgumentException(property + ": weight of " + name + " is given twice");
            }
            Double w = given.get(key);
            if (w == null || w.isNaN() || w.isInfinite() || w < 0) {
                throw new IllegalArgumentException(property + " must be a finite number >= 0, got " + w);
            }
            out.put(name, w);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> disabledScorers(Set<String> given) {
        TreeSet<String> out = new TreeSet<>();
        if (given != null) {
            for (String key : sortedKeys(given, "disabled-plugins")) {
                out.add(scorerNamed(key, PREFIX + ".disabled-plugins"));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    private static String scorerNamed(String key, String property) {
        String name = Plugins.resolve(key).orElseThrow(() -> new IllegalArgumentException(
                property + ": unknown scheduler plugin '" + key + "'; scorers are " + Plugins.scorerNames()));
        if (Plugins.isFilter(name)) {
            throw new IllegalArgumentException(property + ": " + name
                    + " is a filter, a hard constraint that has no weight and cannot be disabled");
        }
        return name;
    }

    private static TreeSet<String> sortedKeys(Set<String> keys, String what) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String k : keys) {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException(PREFIX + "." + what + " contains a blank plugin name");
            }
            sorted.add(k);
        }
        return sorted;
    }
}
