package io.cell0.scheduler.pipeline;

/**
 * Orders nodes whose totals are exactly equal. A fixed order (say, by node id) would send every tied
 * request to the same node; a random one would make placements irreproducible. A hash of the agent and
 * node ids is both: the same request always picks the same node, different agents spread over the tie.
 * {@code String.hashCode} is specified by the JDK, so the order is the same on every JVM.
 */
final class TieBreak {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private TieBreak() {
    }

    /** Per-request part of the key, computed once per placement. */
    static long seed(String agentId) {
        return mix64(agentId.hashCode() * GOLDEN + 1);
    }

    /** Lower key wins a tie. */
    static long key(long seed, String nodeId) {
        return mix64(seed + nodeId.hashCode() * GOLDEN);
    }

    /** The finaliser of SplittableRandom (Stafford's variant 13): every input bit affects every output bit. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
