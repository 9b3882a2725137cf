package io.cell0.model;

/**
 * The runtime status of one copy of an agent on one node, as that node reported it through consensus.
 *
 * @param exitCode  the last exit code, or -1 when the process has not exited
 * @param restarts  how many times the runtime restarted the process
 * @param message   human-readable detail, e.g. why it failed ("" when none)
 * @param updatedAt epoch millis stamped on the report
 */
public record ReplicaStatus(RuntimePhase phase, int exitCode, int restarts, String message, long updatedAt) {
    public ReplicaStatus {
        if (phase == null) {
            throw new IllegalArgumentException("phase is required");
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must not be negative, got " + restarts);
        }
        message = message == null ? "" : message;
    }
}
