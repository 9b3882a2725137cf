package io.cell0.coordinator.api;

import java.util.function.Supplier;

/** Hashing the whole state costs a full encoding; do it once per applied index, not once per call. */
final class StateHashCache {
    private long index = -1;
    private long epoch = -1;
    private String hash;

    synchronized String hash(long appliedIndex, long currentEpoch, Supplier<String> compute) {
        if (appliedIndex != index || currentEpoch != epoch || hash == null) {
            hash = compute.get();
            index = appliedIndex;
            epoch = currentEpoch;
        }
        return hash;
    }
}
