package io.cell0.coordinator.consensus;

/**
 * No quorum answered in time, or this node is stopping. For a write the outcome is unknown: it may
 * still commit later. The API turns this into 503 with Retry-After.
 */
public class ConsensusUnavailableException extends RuntimeException {
    public ConsensusUnavailableException(String message) {
        super(message);
    }

    public ConsensusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
