package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Partition shapes as lists of cut links (unordered node pairs, 0-based). Pure functions, so each
 * shape's promise — who still sees a majority — is unit-tested without a network.
 */
public final class Partitions {

    /** One node cut off from every other. */
    public static List<int[]> isolate(int n, int node) {
        List<int[]> cut = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != node) {
                cut.add(new int[] {node, i});
            }
        }
        return cut;
    }

    /** The given minority on one side, everyone else on the other. */
    public static List<int[]> split(int n, List<Integer> minority) {
        List<int[]> cut = new ArrayList<>();
        for (int a : minority) {
            for (int b = 0; b < n; b++) {
                if (!minority.contains(b)) {
                    cut.add(new int[] {a, b});
                }
            }
        }
        return cut;
    }

    /**
     * Every node sees a majority (itself included), but no two nodes see the same one: the nodes
     * sit on a ring in the given order and each keeps links only to its nearest neighbours. With
     * three nodes a single cut link is the ring: the two ends of it see different majorities.
     */
    public static List<int[]> majoritiesRing(List<Integer> order) {
        int n = order.size();
        List<int[]> cut = new ArrayList<>();
        if (n == 3) {
            cut.add(new int[] {order.get(0), order.get(1)});
            return cut;
        }
        int reach = (n / 2) / 2; // neighbours kept on each side: 1 of 4 others for 5 nodes
        reach = Math.max(1, reach);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int d = Math.min(j - i, n - (j - i));
                if (d > reach) {
                    cut.add(new int[] {order.get(i), order.get(j)});
                }
            }
        }
        return cut;
    }

    /**
     * Two halves that cannot see each other and one node in the middle that sees both: the middle
     * node of the given order is the bridge.
     */
    public static List<int[]> bridge(List<Integer> order) {
        int n = order.size();
        int mid = n / 2;
        List<int[]> cut = new ArrayList<>();
        for (int i = 0; i < mid; i++) {
            for (int j = mid + 1; j < n; j++) {
                cut.add(new int[] {order.get(i), order.get(j)});
            }
        }
        return cut;
    }

    /** Which nodes {@code node} can still reach (itself included) after the cut. */
    public static List<Integer> reachable(int n, List<int[]> cut, int node) {
        List<Integer> out = new ArrayList<>();
        for (int other = 0; other < n; other++) {
            int o = other;
            boolean blocked = cut.stream().anyMatch(p -> p[0] == node && p[1] == o || p[1] == node && p[0] == o);
            if (!blocked) {
                out.add(other);
            }
        }
        return out;
    }

    private Partitions() {
    }
}
