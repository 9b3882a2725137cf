package io.cell0.scheduler.pipeline;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Immutable sorted copies, so that sets in views and requests print and serialise the same way every time. */
final class SortedSets {
    private SortedSets() {
    }

    static SortedSet<String> copyOf(String what, Set<String> in) {
        if (in == null || in.isEmpty()) {
            return Collections.emptySortedSet();
        }
        TreeSet<String> out = new TreeSet<>();
        for (String s : in) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain blank entries");
            }
            out.add(s);
        }
        return Collections.unmodifiableSortedSet(out);
    }
}
