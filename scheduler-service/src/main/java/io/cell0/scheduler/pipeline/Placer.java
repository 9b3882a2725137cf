package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The working state of one request's placement: the surviving candidates and their raw scores, kept
 * across replicas. Used once and thrown away.
 *
 * <p>Laid out for speed on large clusters, which is what the benchmark measures: all scorers are
 * asked about a node while it is in cache (node-major), raw scores live in flat arrays, and for the
 * second and later replicas only the filters and scorers that {@code dependsOnChosenReplicas} run
 * again. Normalisation and totals are still recomputed over the remaining candidates each time, with
 * the same per-node summation order as {@link Explainer}, so both agree to the last bit.
 */
final class Placer {
    private final FilterPlugin[] filters;
    private final ScorePlugin[] scorers;
    private final double[] weights;
    private final PlacementRequest req;
    private final long seed;

    private NodeView[] candidates;
    private int m;
    private double[][] raw;
    private PlacementContext ctx;

    Placer(FilterPlugin[] filters, ScorePlugin[] scorers, double[] weights, PlacementRequest req,
           Map<String, Resources> ledger) {
        this.filters = filters;
        this.scorers = scorers;
        this.weights = weights;
        this.req = req;
        this.seed = TieBreak.seed(req.agentId());
        this.ctx = PlacementContext.over(ledger);
    }

    /**
     * Node ids for every replica, primary first; or null when fewer than {@code replicas} nodes pass
     * the filters (the caller then builds the reasons). {@link #eligible()} tells how many passed.
     */
    List<String> choose(List<NodeView> nodes) {
        candidates = new NodeView[nodes.size()];
        for (NodeView node : nodes) {
            if (passesAll(node)) {
                candidates[m++] = node;
            }
        }
        if (m < req.replicas()) {
            return null;
        }
        raw = new double[scorers.length][m];
        List<String> chosen = new ArrayList<>(req.replicas());
        scoreAll(false);
        while (true) {
            NodeView best = candidates[best()];
            chosen.add(best.nodeId());
            if (chosen.size() == req.replicas()) {
                return chosen;
            }
            ctx = ctx.withReplica(best);
            dropNewlyFiltered();
            if (m == 0) {
                return null; // only a filter that is not monotone could cause this
            }
            scoreAll(true);
        }
    }

    int eligible() {
        return m;
    }

    PlacementContext context() {
        return ctx;
    }

    private boolean passesAll(NodeView node) {
        for (FilterPlugin f : filters) {
            if (!f.accepts(node, req, ctx)) {
                return false;
            }
        }
        return true;
    }

    /** After a replica is chosen: re-asks only the filters that look at chosen replicas, and compacts. */
    private void dropNewlyFiltered() {
        int kept = 0;
        for (int i = 0; i < m; i++) {
            NodeView node = candidates[i];
            boolean pass = true;
            for (FilterPlugin f : filters) {
                if (f.dependsOnChosenReplicas() && !f.accepts(node, req, ctx)) {
                    pass = false;
                    break;
                }
            }
            if (pass) {
                candidates[kept] = node;
                for (double[] r : raw) {
                    r[kept] = r[i];
                }
                kept++;
            }
        }
        m = kept;
    }

    private void scoreAll(boolean onlyReplicaDependent) {
        for (int i = 0; i < m; i++) {
            NodeView node = candidates[i];
            for (int k = 0; k < scorers.length; k++) {
                ScorePlugin s = scorers[k];
                if (!onlyReplicaDependent || s.dependsOnChosenReplicas()) {
                    raw[k][i] = Pipeline.checked(s, node, s.score(node, req, ctx));
                }
            }
        }
    }

    /** Normalises over the current candidates, totals, and returns the index of the best. */
    private int best() {
        int k0 = scorers.length;
        double[] min = new double[k0];
        double[] max = new double[k0];
        for (int k = 0; k < k0; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[] r = raw[k];
            for (int i = 0; i < m; i++) {
                lo = Math.min(lo, r[i]);
                hi = Math.max(hi, r[i]);
            }
            min[k] = lo;
            max[k] = hi;
        }
        int best = -1;
        double bestTotal = 0;
        for (int i = 0; i < m; i++) {
            double total = 0.0;
            for (int k = 0; k < k0; k++) {
                total += weights[k] * Normalisation.minMax(raw[k][i], min[k], max[k]);
            }
            if (best < 0 || Ranking.before(candidates[i], total, candidates[best], bestTotal, seed)) {
                best = i;
                bestTotal = total;
            }
        }
        return best;
    }
}
