package io.cell0.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A certificate's validity window, in whole seconds because that is all X.509 can carry (so what we
 * ask for is exactly what a parsed certificate reports back). Built from an explicit instant, never
 * from the clock, so that tests can issue certificates that are already expired or not yet valid.
 */
public record Validity(Instant notBefore, Instant notAfter) {
    public Validity {
        if (notBefore == null || notAfter == null) {
            throw new IllegalArgumentException("notBefore and notAfter are required");
        }
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
        }
    }

    /** {@code length} starting at {@code start}. */
    public static Validity starting(Instant start, Duration length) {
        Instant from = start.truncatedTo(ChronoUnit.SECONDS);
        return new Validity(from, from.plus(length));
    }

    public Duration length() {
        return Duration.between(notBefore, notAfter);
    }

    /** True if {@code other} lies entirely within this window. */
    public boolean contains(Validity other) {
        return !other.notBefore.isBefore(notBefore) && !other.notAfter.isAfter(notAfter);
    }
}
