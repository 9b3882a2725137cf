package io.cell0.scheduler.pipeline;

import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The working state of one request's placement: the surviving candidates and their raw scores, kept
 * across replicas. Used once and thrown away. {@link Explainer} reads the state after the first
 * replica's round, so an explanation shows exactly the numbers the placement used.
 *
 * <p>Laid out for speed on large clusters, which is what the benchmark measures: all scorers are
 * asked about a node while it is in cache (node-major), raw scores live in flat arrays, nothing is
 * allocated per node, and for the second and later replicas only the filters and scorers that
 * {@code dependsOnChosenReplicas} run again. Normalisation and totals are recomputed over the
 * remaining candidates for every replica.
 */
final class Placer {
    private final FilterPlugin[] filters;
    /** The filters, and the indices of the scorers, that must be asked again after each chosen replica. */
    private final FilterPlugin[] replicaFilters;
    private final int[] replicaScorers;
    private final ScorePlugin[] scorers;
    private final double[] weights;
    private final PlacementRequest req;
    private final long seed;

    private PlacementContext ctx;
    /** The first {@code m} entries are the current candidates; raw[k][i] is scorer k's raw score of candidate i. */
    NodeView[] candidates;
    int m;
    double[][] raw;
    /** Per scorer, the range of raw scores over the current candidates, and each candidate's total; set by {@link #best()}. */
    double[] min;
    double[] max;
    double[] totals;

    Placer(Stages stages, PlacementRequest req, Map<String, Resources> ledger) {
        this.filters = stages.filters;
        this.replicaFilters = stages.replicaFilters;
        this.scorers = stages.scorers;
        this.replicaScorers = stages.replicaScorers;
        this.weights = stages.weights;
        this.req = req;
        this.seed = TieBreak.seed(req.agentId());
        this.ctx = PlacementContext.over(ledger);
    }

    /**
     * Node ids for every replica, primary first; or null when fewer than {@code replicas} nodes pass
     * the filters (the caller then builds the reasons). {@link #m} then tells how many passed.
     */
    List<String> choose(List<NodeView> nodes) {
        return choose(nodes, 0);
    }

    /** As {@link #choose(List)}, looking only until {@code limit} nodes passed the filters (0 = all). */
    List<String> choose(List<NodeView> nodes, int limit) {
        // Copies the agent already runs count as chosen: new ones go elsewhere and spread against them.
        for (String kept : req.keep()) {
            for (NodeView n : nodes) {
                if (n.nodeId().equals(kept)) {
                    ctx = ctx.withReplica(n);
                }
            }
        }
        if (filterAndScore(nodes, limit) < req.replicas()) {
            return null;
        }
        List<String> chosen = new ArrayList<>(req.replicas());
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
            rescoreReplicaDependent();
        }
    }

    PlacementContext context() {
        return ctx;
    }

    /** The first replica's round: keeps the nodes that pass every filter and scores them. Returns their number. */
    int filterAndScore(List<NodeView> nodes) {
        return filterAndScore(nodes, 0);
    }

    /**
     * As {@link #filterAndScore(List)}, but with {@code limit} above 0 it stops once that many nodes
     * passed (at least twice the replicas wanted). Nodes are visited from a start and with a stride
     * both derived from the request's seed, the stride coprime with the node count so every node is
     * reachable and the visited ones are spread over the list (and so over zones and racks).
     */
    int filterAndScore(List<NodeView> nodes, int limit) {
        int n = nodes.size();
        int want = limit <= 0 ? n : Math.min(n, Math.max(limit, 2 * req.replicas()));
        candidates = new NodeView[want];
        m = 0;
        if (want == n) {
            for (NodeView node : nodes) {
                if (passesAll(node)) {
                    candidates[m++] = node;
                }
            }
        } else {
            int start = (int) Math.floorMod(seed, (long) n);
            int stride = strideFor(n, seed);
            for (int k = 0, i = start; k < n && m < want; k++, i = (int) ((i + (long) stride) % n)) {
                NodeView node = nodes.get(i);
                if (passesAll(node)) {
                    candidates[m++] = node;
                }
            }
        }
        raw = new double[scorers.length][m];
        for (int i = 0; i < m; i++) {
            NodeView node = candidates[i];
            for (int k = 0; k < scorers.length; k++) {
                raw[k][i] = Pipeline.checked(scorers[k], node, scorers[k].score(node, req, ctx));
            }
        }
        min = new double[scorers.length];
        max = new double[scorers.length];
        totals = new double[m];
        return m;
    }

    /** Normalises over the current candidates, totals, and returns the index of the best. */
    int best() {
        for (int k = 0; k < scorers.length; k++) {
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
        int best = 0;
        for (int i = 0; i < m; i++) {
            double total = 0.0;
            for (int k = 0; k < scorers.length; k++) {
                total += weights[k] * Normalisation.minMax(raw[k][i], min[k], max[k]);
            }
            totals[i] = total;
            if (i > 0 && Ranking.before(candidates[i], total, candidates[best], totals[best], seed)) {
                best = i;
            }
        }
        return best;
    }

    long seed() {
        return seed;
    }

    /** A step through {@code n} nodes that visits each once: coprime with n, around 0.62 n, varied by the seed. */
    static int strideFor(int n, long seed) {
        if (n <= 2) {
            return 1;
        }
        int stride = (int) ((n * 0.618) + Math.floorMod(seed >>> 17, (long) Math.max(1, n / 8))) % n;
        if (stride == 0) {
            stride = 1;
        }
        while (gcd(stride, n) != 1) {
            stride = stride % (n - 1) + 1;
        }
        return stride;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
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
            for (FilterPlugin f : replicaFilters) {
                if (!f.accepts(node, req, ctx)) {
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

    private void rescoreReplicaDependent() {
        for (int k : replicaScorers) {
            ScorePlugin s = scorers[k];
            double[] r = raw[k];
            for (int i = 0; i < m; i++) {
                r[i] = Pipeline.checked(s, candidates[i], s.score(candidates[i], req, ctx));
            }
        }
    }
}
