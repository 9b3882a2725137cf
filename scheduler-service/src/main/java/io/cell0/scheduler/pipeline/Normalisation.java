package io.cell0.scheduler.pipeline;

/**
 * Min-max scaling of one scorer's raw numbers over the candidates to 0-100. Raw scales differ (a
 * fraction, a 50/10 flag, a utilisation), so without it the scorer with the widest range would decide
 * every placement whatever the weights say.
 *
 * <p>When every candidate has the same raw score the scorer cannot tell them apart; all get 100 (its
 * full weight), so it adds the same amount to every total and changes no ranking. 100 rather than 0
 * keeps a lone candidate's total equal to the sum of the weights, which reads naturally in explanations.
 */
final class Normalisation {
    static final double ALL_EQUAL = 100.0;

    private Normalisation() {
    }

    /** The one formula both the placement path and explanations use, so they agree to the last bit. */
    static double minMax(double raw, double min, double max) {
        return max == min ? ALL_EQUAL : (raw - min) / (max - min) * 100.0;
    }
}
