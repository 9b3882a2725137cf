package io.cell0.security;

import java.util.Optional;

/**
 * The authenticated "who" of a certificate: its role and identity, carried as the URI SAN
 * {@code urn:cell0:<role>:<identity>}, e.g. {@code urn:cell0:node:n-3f0c...} or
 * {@code urn:cell0:operator:alice}.
 *
 * <p>A URI rather than the subject CN because SANs are what TLS libraries and service meshes match on,
 * and a URN with a fixed prefix cannot be confused with a host name.
 */
public record Principal(Role role, String identity) {
    public static final String URN_PREFIX = "urn:cell0:";

    public Principal {
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        Names.require("identity", identity);
    }

    public String toUri() {
        return URN_PREFIX + role.urnName() + ":" + identity;
    }

    /** The principal in {@code uri}, or empty if it is not a well-formed cell0 URN. */
    public static Optional<Principal> parse(String uri) {
        if (uri == null || !uri.startsWith(URN_PREFIX)) {
            return Optional.empty();
        }
        String rest = uri.substring(URN_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Optional<Role> role = Role.fromUrnName(rest.substring(0, colon));
        String identity = rest.substring(colon + 1);
        if (role.isEmpty() || !Names.isValid(identity)) {
            return Optional.empty();
        }
        return Optional.of(new Principal(role.get(), identity));
    }

    @Override
    public String toString() {
        return toUri();
    }
}
