package io.cell0.model;

/**
 * The seed's Byzantine-tolerance arithmetic ({@code BFTParams::for_node_count}): n voters tolerate
 * f = ⌊(n − 1) / 3⌋ lying voters, which needs at least 3f + 1 of them, and a decision that must
 * survive f liars needs 2f + 1 votes. n = 4 → f = 1, quorum 3; n = 7 → f = 2, quorum 5.
 *
 * @param maxByzantine f
 * @param minNodes     3f + 1
 * @param quorumSize   2f + 1
 */
public record BftParams(int maxByzantine, int minNodes, int quorumSize) {
    public static BftParams forNodeCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a cluster has at least one voter, not " + n);
        }
        int f = (n - 1) / 3;
        return new BftParams(f, 3 * f + 1, 2 * f + 1);
    }

    /** The parameters for a chosen tolerance f (quorum 2f + 1 of at least 3f + 1 voters). */
    public static BftParams forTolerance(int f) {
        if (f < 0) {
            throw new IllegalArgumentException("byzantine tolerance must not be negative, not " + f);
        }
        return new BftParams(f, 3 * f + 1, 2 * f + 1);
    }
}
