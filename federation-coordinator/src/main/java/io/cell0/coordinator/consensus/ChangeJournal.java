package io.cell0.coordinator.consensus;

import io.cell0.coordinator.core.ClusterState;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which nodes and agents changed at which log index, for the last {@code capacity} entries that
 * changed anything. Watchers ask "what changed after index N?"; when N is older than what the journal
 * still holds (or than the snapshot this replica restarted from) the answer is "everything" and the
 * watcher starts over from a full listing, like a Kubernetes watch after a compaction.
 *
 * <p>Written under the state machine's write lock and read under its read lock, so an answer always
 * matches the state it is read with; the monitor only protects the deque itself.
 */
public final class ChangeJournal {
    private record Entry(long index, ClusterState.Changes changes) {
    }

    /** Ids changed after some index; {@code complete == false} means "too old, list everything". */
    public record Since(boolean complete, Set<String> nodes, Set<String> agents, boolean config) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Changes at or below this index are not known individually any more. */
    private long floor;

    ChangeJournal(int capacity) {
        this.capacity = capacity;
    }

    synchronized void record(long index, ClusterState.Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        entries.addLast(new Entry(index, changes));
        while (entries.size() > capacity) {
            floor = entries.removeFirst().index();
        }
    }

    /** The state was replaced wholesale (a snapshot was loaded): nothing before {@code index} is known. */
    synchronized void reset(long index) {
        entries.clear();
        floor = index;
    }

    synchronized Since since(long index) {
        if (index < floor) {
            return new Since(false, Set.of(), Set.of(), true);
        }
        Set<String> nodes = new TreeSet<>();
        Set<String> agents = new TreeSet<>();
        boolean config = false;
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.index() <= index) {
                break;
            }
            nodes.addAll(e.changes().nodes());
            agents.addAll(e.changes().agents());
            config |= e.changes().config();
        }
        return new Since(true, nodes, agents, config);
    }
}
