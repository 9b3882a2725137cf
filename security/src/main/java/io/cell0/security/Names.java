package io.cell0.security;

import java.util.regex.Pattern;

/**
 * The one naming rule for identities and cluster ids that appear in certificates and tokens: a DNS
 * label in lowercase (letters, digits and '-', 1 to 63 characters, no leading or trailing '-').
 *
 * <p>Why so strict: the name ends up in a URI SAN, a certificate subject, file names and log lines.
 * Lowercase-only removes look-alike identities that differ only in case ("Node-1" vs "node-1"), and a
 * DNS label also satisfies the looser id rule of the replicated state ({@code io.cell0.model.Ids}).
 */
public final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && LABEL.matcher(name).matches();
    }

    /** Returns {@code name} or throws an {@link IllegalArgumentException} that says what {@code what} is. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " must be 1-63 lowercase letters, digits or '-' (not at either end), got "
                    + (name == null ? "nothing" : "'" + name + "'"));
        }
        return name;
    }
}
