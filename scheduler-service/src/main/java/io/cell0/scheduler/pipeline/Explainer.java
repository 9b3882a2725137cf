package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an {@link Explanation}. The numbers come from a {@link Placer} stopped after the first
 * replica's round, the very code {@link Pipeline#place} runs, so rank 1 is always the primary that
 * placement chooses; this class only adds the reasons for dropped nodes and the ranking of the rest.
 */
final class Explainer {
    private final List<FilterPlugin> filters;
    private final Stages stages;

    Explainer(List<FilterPlugin> filters, Stages stages) {
        this.filters = filters;
        this.stages = stages;
    }

    Explanation explain(ClusterView view, PlacementRequest req, String strategy, Placement placement) {
        Placer placer = new Placer(stages, req, Map.of());
        int m = placer.filterAndScore(view.nodes());
        if (m > 0) {
            placer.best();
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Ranking.compare(placer.candidates[a], placer.totals[a], placer.candidates[b],
                placer.totals[b], placer.seed()));

        List<NodeExplanation> out = new ArrayList<>(view.size());
        Set<String> eligible = new HashSet<>();
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            List<ScoreDetail> details = new ArrayList<>(stages.scorers.length);
            for (int k = 0; k < stages.scorers.length; k++) {
                double norm = Normalisation.minMax(placer.raw[k][i], placer.min[k], placer.max[k]);
                double w = stages.weights[k];
                details.add(new ScoreDetail(stages.scorers[k].name(), placer.raw[k][i], norm, w, w * norm));
            }
            out.add(NodeExplanation.candidate(placer.candidates[i], details, placer.totals[i], rank + 1));
            eligible.add(placer.candidates[i].nodeId());
        }
        for (NodeView node : view.nodes()) {
            if (!eligible.contains(node.nodeId())) {
                out.add(firstRejection(node, req, placer.context()));
            }
        }
        return new Explanation(req.agentId(), view.stateIndex(), strategy, req.replicas(), view.size(), m,
                placement.outcome(), placement, out);
    }

    private NodeExplanation firstRejection(NodeView node, PlacementRequest req, PlacementContext ctx) {
        for (FilterPlugin f : filters) {
            Optional<String> why = f.reject(node, req, ctx);
            if (why.isPresent()) {
                return NodeExplanation.rejected(node, f.name(), why.get());
            }
        }
        throw new IllegalStateException("filter " + filters + " disagree about node " + node.nodeId()
                + ": accepts() dropped it but no reject() gives a reason");
    }
}
