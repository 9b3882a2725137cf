package io.cell0.scheduler.pipeline;

/**
 * The single order of candidates, shared by placement and explanation: higher total first, then the
 * request's tie-break hash, then node id (so two nodes are never equal, even on a hash collision).
 */
final class Ranking {
    private Ranking() {
    }

    /** Whether candidate {@code a} (total {@code ta}) ranks before {@code b} (total {@code tb}). */
    static boolean before(NodeView a, double ta, NodeView b, double tb, long seed) {
        if (ta != tb) {
            return ta > tb;
        }
        int byHash = Long.compare(TieBreak.key(seed, a.nodeId()), TieBreak.key(seed, b.nodeId()));
        return byHash != 0 ? byHash < 0 : a.nodeId().compareTo(b.nodeId()) < 0;
    }

    static int compare(NodeView a, double ta, NodeView b, double tb, long seed) {
        if (a == b) {
            return 0;
        }
        return before(a, ta, b, tb, seed) ? -1 : 1;
    }
}
