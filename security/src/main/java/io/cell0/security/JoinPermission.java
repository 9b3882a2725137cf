package io.cell0.security;

/**
 * The membership a join token allows its subject to take. The names match {@code io.cell0.model.NodeRole}
 * so the coordinator can map one to the other by name; this module does not depend on the model.
 */
public enum JoinPermission {
    VOTER(1),
    OBSERVER(2),
    EDGE(4);

    /** The bit in the token's permission byte; fixed forever because it is signed. */
    final int bit;

    JoinPermission(int bit) {
        this.bit = bit;
    }
}
