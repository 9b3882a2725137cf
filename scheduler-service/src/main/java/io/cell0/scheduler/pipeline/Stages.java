package io.cell0.scheduler.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The plugins of a pipeline as arrays, with what the hot path needs precomputed once instead of per
 * placement: which filters and scorers must run again after each chosen replica.
 */
final class Stages {
    final FilterPlugin[] filters;
    final FilterPlugin[] replicaFilters;
    final ScorePlugin[] scorers;
    final int[] replicaScorers;
    final double[] weights;

    Stages(List<FilterPlugin> filters, List<ScorePlugin> scorers, List<Double> weights) {
        if (scorers.size() != weights.size()) {
            throw new IllegalArgumentException("one weight per scorer");
        }
        this.filters = filters.toArray(FilterPlugin[]::new);
        this.replicaFilters = filters.stream().filter(FilterPlugin::dependsOnChosenReplicas).toArray(FilterPlugin[]::new);
        this.scorers = scorers.toArray(ScorePlugin[]::new);
        this.replicaScorers = IntStream.range(0, this.scorers.length)
                .filter(k -> this.scorers[k].dependsOnChosenReplicas()).toArray();
        this.weights = weights.stream().mapToDouble(Double::doubleValue).toArray();
        for (double w : this.weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + Arrays.toString(this.weights));
            }
        }
    }
}
