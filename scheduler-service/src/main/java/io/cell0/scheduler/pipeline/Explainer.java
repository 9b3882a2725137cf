package io.cell0.scheduler.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds an {@link Explanation}: the slow, talkative twin of the placement path. It evaluates the same
 * filters and scorers in the same order with the same formulas, so its rank 1 is the node
 * {@link Pipeline#place} chooses as primary.
 */
final class Explainer {
    private final List<FilterPlugin> filters;
    private final ScorePlugin[] scorers;
    private final double[] weights;

    Explainer(List<FilterPlugin> filters, ScorePlugin[] scorers, double[] weights) {
        this.filters = filters;
        this.scorers = scorers;
        this.weights = weights;
    }

    Explanation explain(ClusterView view, PlacementRequest req, String strategy, Placement placement) {
        PlacementContext ctx = PlacementContext.empty();
        List<NodeExplanation> rejected = new ArrayList<>();
        List<NodeView> candidates = new ArrayList<>();
        for (NodeView node : view.nodes()) {
            Optional<NodeExplanation> dropped = firstRejection(node, req, ctx);
            if (dropped.isPresent()) {
                rejected.add(dropped.get());
            } else {
                candidates.add(node);
            }
        }
        int m = candidates.size();
        double[][] raw = new double[scorers.length][m];
        double[] min = new double[scorers.length];
        double[] max = new double[scorers.length];
        double[] totals = new double[m];
        for (int k = 0; k < scorers.length; k++) {
            min[k] = Double.POSITIVE_INFINITY;
            max[k] = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                NodeView node = candidates.get(i);
                raw[k][i] = Pipeline.checked(scorers[k], node, scorers[k].score(node, req, ctx));
                min[k] = Math.min(min[k], raw[k][i]);
                max[k] = Math.max(max[k], raw[k][i]);
            }
            for (int i = 0; i < m; i++) {
                totals[i] += weights[k] * Normalisation.minMax(raw[k][i], min[k], max[k]);
            }
        }
        long seed = TieBreak.seed(req.agentId());
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Ranking.compare(candidates.get(a), totals[a], candidates.get(b), totals[b], seed));
        List<NodeExplanation> out = new ArrayList<>(view.size());
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            List<ScoreDetail> details = new ArrayList<>(scorers.length);
            for (int k = 0; k < scorers.length; k++) {
                double norm = Normalisation.minMax(raw[k][i], min[k], max[k]);
                details.add(new ScoreDetail(scorers[k].name(), raw[k][i], norm, weights[k], weights[k] * norm));
            }
            out.add(NodeExplanation.candidate(candidates.get(i), details, totals[i], rank + 1));
        }
        out.addAll(rejected);
        return new Explanation(req.agentId(), view.stateIndex(), strategy, req.replicas(), view.size(), m,
                placement.outcome(), placement, out);
    }

    private Optional<NodeExplanation> firstRejection(NodeView node, PlacementRequest req, PlacementContext ctx) {
        for (FilterPlugin f : filters) {
            Optional<String> why = f.reject(node, req, ctx);
            if (why.isPresent()) {
                return Optional.of(NodeExplanation.rejected(node, f.name(), why.get()));
            }
        }
        return Optional.empty();
    }
}
