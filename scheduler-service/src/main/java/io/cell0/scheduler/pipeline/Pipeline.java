package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places agents: filters drop the nodes that cannot take a replica, scorers rank the rest, the best
 * node takes the replica, and this repeats for each replica with the earlier choices in the context.
 *
 * <p>Stateless and immutable once built, so one instance serves any number of callers. Each scorer's
 * raw scores are normalised to 0-100 over the candidates (see {@link Normalisation}), multiplied by
 * its weight and summed; exact ties are broken by a hash of agent and node id (see {@link TieBreak}).
 *
 * <p>The hot path ({@link #place}, see {@link Placer}) allocates a few arrays per call and nothing per
 * node: filters are asked {@link FilterPlugin#accepts} without building reasons, and reasons are only
 * formatted when a request turns out to be unplaceable.
 */
public final class Pipeline {
    private final SchedulerSettings settings;
    private final List<FilterPlugin> filters;
    private final Stages stages;

    Pipeline(SchedulerSettings settings, List<FilterPlugin> filters, List<ScorePlugin> scorers, List<Double> weights) {
        this.settings = settings;
        this.filters = List.copyOf(filters);
        this.stages = new Stages(filters, scorers, weights);
    }

    /** The standard filters, and the scorers the settings enable with their weights. */
    public static Pipeline from(SchedulerSettings settings) {
        List<ScorePlugin> enabled = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (ScorePlugin s : Plugins.SCORERS) {
            if (settings.enabled(s.name())) {
                enabled.add(s);
                w.add(settings.weight(s.name()));
            }
        }
        return new Pipeline(settings, Plugins.FILTERS, enabled, w);
    }

    public SchedulerSettings settings() {
        return settings;
    }

    /** Names of the filters, in the order they run. */
    public List<String> filterNames() {
        return filters.stream().map(FilterPlugin::name).toList();
    }

    /** Names of the scorers that take part, each with its weight, in the order they are summed. */
    public Map<String, Double> scorerWeights() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < stages.scorers.length; k++) {
            out.put(stages.scorers[k].name(), stages.weights[k]);
        }
        return out;
    }

    /** Places one request on the view as it is. */
    public Placement place(ClusterView view, PlacementRequest req) {
        return place(view.nodes(), req, new HashMap<>(), false, 0);
    }

    /**
     * Places a batch in queue order (priority, then age, then agent id) against one working copy of
     * free capacity, so no two placements of the plan share the same spare room. A request that does
     * not fit does not block those behind it (there is no reservation or preemption yet).
     *
     * @throws IllegalArgumentException if two requests are for the same agent
     */
    public Plan plan(ClusterView view, List<PlacementRequest> requests) {
        List<PlacementRequest> ordered = new ArrayList<>(requests);
        ordered.sort(PlacementRequest.QUEUE_ORDER);
        Set<String> agents = new HashSet<>();
        for (PlacementRequest r : ordered) {
            if (!agents.add(r.agentId())) {
                throw new IllegalArgumentException("agent " + r.agentId() + " is requested twice in one plan");
            }
        }
        Map<String, Resources> ledger = new HashMap<>();
        List<Placed> placed = new ArrayList<>();
        List<Unplaceable> unplaceable = new ArrayList<>();
        for (PlacementRequest r : ordered) {
            Placement p = place(view.nodes(), r, ledger, true, settings.candidateLimit());
            if (p instanceof Placed ok) {
                placed.add(ok);
            } else {
                unplaceable.add((Unplaceable) p);
            }
        }
        return new Plan(view.stateIndex(), placed, unplaceable, ledger);
    }

    /** Every node's fate for this request's primary replica, and the placement itself. */
    public Explanation explain(ClusterView view, PlacementRequest req) {
        return new Explainer(filters, stages).explain(view, req, settings.strategy(), place(view, req));
    }

    /**
     * @param ledger resources claimed by earlier placements of the same plan, by node id
     * @param commit whether to add this placement's claims to the ledger when it succeeds
     */
    private Placement place(List<NodeView> nodes, PlacementRequest req, Map<String, Resources> ledger, boolean commit, int limit) {
        Placer placer = new Placer(stages, req, ledger);
        List<String> chosen = placer.choose(nodes, limit);
        if (chosen == null) {
            int found = placer.context().chosen().size() - req.keep().size();
            if (found <= 0) {
                return RejectionSummary.of(nodes, filters, req, placer.context(), placer.m);
            }
            return new Unplaceable(req.agentId(), "only " + found + " of " + req.replicas()
                    + " replicas found distinct nodes", placer.m, Map.of());
        }
        if (commit) {
            for (String id : chosen) {
                ledger.merge(id, req.resources(), Resources::plus);
            }
        }
        return new Placed(req.agentId(), chosen, req.resources());
    }

    static double checked(ScorePlugin scorer, NodeView node, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("scorer " + scorer.name() + " gave node " + node.nodeId() + " the score " + v);
        }
        return v;
    }
}
