package io.cell0.coordinator.health;

import org.springframework.boot.health.contributor.Status;

/**
 * The seed's health levels and the Actuator status each becomes. The order and the HTTP codes are
 * set in application.properties ({@code management.endpoint.health.status.*}): CRITICAL answers 503,
 * WARNING 200 (a degraded node that still serves), and an aggregate takes the worst of its parts.
 */
public enum Level {
    HEALTHY(Status.UP),
    WARNING(new Status("WARNING")),
    CRITICAL(new Status("CRITICAL"));

    private final Status status;

    Level(Status status) {
        this.status = status;
    }

    public Status status() {
        return status;
    }

    /** The worse of the two. */
    public Level worst(Level other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
