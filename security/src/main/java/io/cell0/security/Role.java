package io.cell0.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a certificate's holder may act as. It is written into the URI SAN
 * ({@code urn:cell0:<role>:<identity>}) so that a server can authorise a caller from the certificate
 * alone, without a second lookup.
 */
public enum Role {
    /** A coordinator process; its identity is its node id and its certificate binds its Ed25519 key. */
    NODE,
    /** The scheduler service. */
    SCHEDULER,
    /** The migration service. */
    MIGRATION,
    /** A human or tool acting on the cluster (the CLI, the operator's scripts). */
    OPERATOR;

    /** The lowercase form used in the URI SAN and file names. */
    public String urnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a lowercase URN name; no case folding, so "NODE" in a certificate is not a role. */
    public static Optional<Role> fromUrnName(String s) {
        for (Role r : values()) {
            if (r.urnName().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
