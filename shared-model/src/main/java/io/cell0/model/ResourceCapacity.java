package io.cell0.model;

/**
 * A node's resources: what it offers in total and how much of that is allocated to agents.
 * {@code allocated} is maintained by the state machine and never exceeds {@code total}.
 */
public record ResourceCapacity(Resources total, Resources allocated) {

    public ResourceCapacity {
        if (total == null || allocated == null) {
            throw new IllegalArgumentException("total and allocated are required");
        }
        if (!allocated.fitsWithin(total)) {
            throw new IllegalArgumentException("allocated " + allocated + " exceeds total " + total);
        }
    }

    public static ResourceCapacity of(Resources total) {
        return new ResourceCapacity(total, Resources.ZERO);
    }

    public Resources free() {
        return total.minus(allocated);
    }
}
