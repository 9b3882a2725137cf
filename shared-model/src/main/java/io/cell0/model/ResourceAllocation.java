package io.cell0.model;

/**
 * Resources reserved on one node for one agent (seed {@code ResourceAllocation}).
 *
 * @param expiresAt epoch millis after which the allocation may be reclaimed, 0 = no expiry
 */
public record ResourceAllocation(String id, String owner, Resources resources, String node, long createdAt,
                                 long expiresAt) {

    public ResourceAllocation {
        Ids.requireId("allocation id", id);
        Ids.requireId("allocation owner", owner);
        Ids.requireId("allocation node", node);
        if (resources == null) {
            throw new IllegalArgumentException("allocation " + id + ": resources are required");
        }
    }
}
