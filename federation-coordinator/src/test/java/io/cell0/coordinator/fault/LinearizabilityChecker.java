package io.cell0.coordinator.fault;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that a history of register operations is linearizable: there is one order of the
 * operations, consistent with real time (an operation that completed before another was invoked
 * comes first), in which every read sees the latest write. The search is the Wing–Gong algorithm
 * with Lowe's memoisation of (set of operations already placed, register value), as in Porcupine,
 * run separately per key because registers are independent.
 *
 * <p>Operations with an unknown outcome never complete: they may take effect at any point after
 * their invocation, or not at all (placing them after everything else is the same as never).
 * Failed operations certainly did not happen and are left out; so are reads with unknown outcome.
 */
public final class LinearizabilityChecker {

    /**
     * @param undecided keys whose search hit the step or memory budget: neither proven linearizable
     *                  nor shown to violate it. A run reports them; they are not counted as passing checks.
     */
    public record Result(boolean ok, String key, String explanation, List<String> undecided) {
        public Result(boolean ok, String key, String explanation) {
            this(ok, key, explanation, List.of());
        }

        static Result linearizable() {
            return new Result(true, null, "linearizable");
        }
    }

    /** Gives up on a key after this many search steps and reports it as undecided (not as a violation). */
    private final long maxSteps;
    /**
     * Memory budget of the memo table, in bits of placed-operation sets (each entry holds one bit per
     * operation of the key). A 30-minute soak has keys with thousands of operations and dozens of
     * indeterminate writes; without a bound their memo table fills any heap.
     */
    private final long maxMemoBits;
    /** Each memo entry also costs about 100 bytes of objects: at most this many, whatever the key's size. */
    private static final long MAX_MEMO_ENTRIES = 2_000_000;

    public LinearizabilityChecker(long maxSteps, long maxMemoBits) {
        this.maxSteps = maxSteps;
        this.maxMemoBits = maxMemoBits;
    }

    public LinearizabilityChecker(long maxSteps) {
        this(maxSteps, 1_000_000_000L);
    }

    public LinearizabilityChecker() {
        this(20_000_000);
    }

    public Result check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>();
        for (Op op : history) {
            if (op.outcome() == Op.Outcome.FAIL || op.outcome() == Op.Outcome.UNKNOWN && op.type() == Op.Type.READ) {
                continue;
            }
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        List<String> undecided = new ArrayList<>();
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            Result r = checkKey(e.getKey(), e.getValue());
            if (!r.ok()) {
                return new Result(false, r.key(), r.explanation(), undecided);
            }
            if (r.key() != null) {
                undecided.add(r.key() + " (" + r.explanation() + ")");
            }
        }
        return new Result(true, null, undecided.isEmpty() ? "linearizable"
                : "linearizable as far as decided; " + undecided.size() + " key(s) undecided", undecided);
    }

    /** A call or return event in the time-ordered event list, linked so entries can be lifted out and put back. */
    private static final class Entry {
        final int id;
        final Op op;
        final boolean isCall;
        Entry match;
        Entry prev;
        Entry next;

        Entry(int id, Op op, boolean isCall) {
            this.id = id;
            this.op = op;
            this.isCall = isCall;
        }
    }

    private record Memo(BitSet placed, String value) {
    }

    private Result checkKey(String key, List<Op> ops) {
        List<Entry> events = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Entry call = new Entry(i, op, true);
            Entry ret = new Entry(i, op, false);
            call.match = ret;
            ret.match = call;
            events.add(call);
            events.add(ret);
        }
        // Calls before returns at equal times: touching intervals are treated as concurrent.
        events.sort(Comparator.comparingLong(LinearizabilityChecker::time).thenComparing(e -> e.isCall ? 0 : 1));
        Entry head = new Entry(-1, null, true);
        Entry tail = head;
        for (Entry e : events) {
            tail.next = e;
            e.prev = tail;
            tail = e;
        }

        String value = null;
        BitSet placed = new BitSet(ops.size());
        Set<Memo> seen = new HashSet<>();
        record Frame(Entry call, String valueBefore) {
        }
        List<Frame> stack = new ArrayList<>();
        Entry entry = head.next;
        long steps = 0;
        int deepest = 0;
        long maxMemo = Math.min(MAX_MEMO_ENTRIES, Math.max(1000, maxMemoBits / Math.max(64, ops.size())));
        while (head.next != null) {
            if (++steps > maxSteps) {
                return new Result(true, key, ops.size() + " operations, undecided after " + maxSteps + " steps");
            }
            if (seen.size() > maxMemo) {
                return new Result(true, key, ops.size() + " operations, undecided after " + maxMemo + " memoised states");
            }
            if (entry != null && entry.isCall) {
                String[] after = apply(entry.op, value);
                if (after != null) {
                    BitSet next = (BitSet) placed.clone();
                    next.set(entry.id);
                    if (seen.add(new Memo(next, after[0]))) {
                        stack.add(new Frame(entry, value));
                        value = after[0];
                        placed = next;
                        deepest = Math.max(deepest, placed.cardinality());
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                // A return whose call is not yet placed (or the end of the list): no remaining
                // operation can come next. Undo the last choice.
                if (stack.isEmpty()) {
                    return violation(key, ops, placed, deepest);
                }
                Frame f = stack.remove(stack.size() - 1);
                value = f.valueBefore();
                placed.clear(f.call().id);
                unlift(f.call());
                entry = f.call().next;
            }
        }
        return Result.linearizable();
    }

    private static long time(Entry e) {
        if (e.isCall) {
            return e.op.invokeNs();
        }
        return e.op.outcome() == Op.Outcome.UNKNOWN ? Long.MAX_VALUE : e.op.completeNs();
    }

    /** The register model: null when the operation cannot happen in this state, else {new value}. */
    static String[] apply(Op op, String value) {
        switch (op.type()) {
            case READ:
                return Objects.equals(op.value(), value) ? new String[] {value} : null;
            case WRITE:
                return new String[] {op.value()};
            default:
                boolean matches = Objects.equals(op.expected(), value);
                if (op.outcome() == Op.Outcome.UNKNOWN) {
                    // Either swapped (only possible if it matched) or failed the comparison.
                    return matches ? new String[] {op.value()} : new String[] {value};
                }
                if (op.casOk()) {
                    return matches ? new String[] {op.value()} : null;
                }
                return matches ? null : new String[] {value};
        }
    }

    private static void lift(Entry call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }

    private static Result violation(String key, List<Op> ops, BitSet placed, int deepest) {
        StringBuilder sb = new StringBuilder("no linearization of key '" + key + "' (" + ops.size() + " operations; at most "
                + deepest + " could be ordered). Operations not placed in the last attempt:");
        int shown = 0;
        for (int i = 0; i < ops.size() && shown < 10; i++) {
            if (!placed.get(i)) {
                sb.append("\n  ").append(ops.get(i));
                shown++;
            }
        }
        return new Result(false, key, sb.toString());
    }
}
