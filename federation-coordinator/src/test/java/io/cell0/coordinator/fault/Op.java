package io.cell0.coordinator.fault;

/**
 * One client operation on one register (a config key), as recorded by the fault harness.
 *
 * <p>Values written are unique per history, so a compare-and-set on a version is recorded as a
 * compare on the value that version carried ({@code expected}).
 *
 * @param type     read, write or compare-and-set
 * @param value    read: the value seen (null = key absent); write and cas: the value written
 * @param expected cas only: the value the key must hold (null = must be absent)
 * @param outcome  ok: happened, with this result; fail: certainly did not happen; unknown: may or
 *                 may not have happened (timeout, connection lost)
 * @param casOk    cas only, when ok: whether the swap took place
 * @param invokeNs when the client sent it
 * @param completeNs when the client got the answer; ignored for unknown outcomes
 * @param version  the key's version the server reported: for a read, the version seen (0 = absent);
 *                 for an acknowledged write or swap, the version it created; otherwise 0. Every
 *                 applied config update gets the next cluster-wide config version, so a version
 *                 names one application of one write.
 */
public record Op(int client, String key, Type type, String value, String expected, Outcome outcome, boolean casOk,
                 long invokeNs, long completeNs, long version) {

    public enum Type { READ, WRITE, CAS }

    public enum Outcome { OK, FAIL, UNKNOWN }

    public static Op read(int client, String key, String seen, long invoke, long complete) {
        return new Op(client, key, Type.READ, seen, null, Outcome.OK, false, invoke, complete, 0);
    }

    public static Op write(int client, String key, String value, Outcome outcome, long invoke, long complete) {
        return new Op(client, key, Type.WRITE, value, null, outcome, false, invoke, complete, 0);
    }

    public static Op cas(int client, String key, String expected, String value, Outcome outcome, boolean swapped, long invoke,
                         long complete) {
        return new Op(client, key, Type.CAS, value, expected, outcome, swapped, invoke, complete, 0);
    }

    /** The same operation with the version the server reported. */
    public Op withVersion(long v) {
        return new Op(client, key, type, value, expected, outcome, casOk, invokeNs, completeNs, v);
    }

    /** An acknowledged write or a swap that took place. */
    public boolean acknowledgedWrite() {
        return outcome == Outcome.OK && (type == Type.WRITE || type == Type.CAS && casOk);
    }

    /** Whether this operation can have changed the register. */
    boolean mayWrite() {
        return outcome != Outcome.FAIL && (type == Type.WRITE || type == Type.CAS && (outcome == Outcome.UNKNOWN || casOk));
    }
}
