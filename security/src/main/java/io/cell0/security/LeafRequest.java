package io.cell0.security;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * What the CA is asked to certify. Every field is checked on construction, so a {@code LeafRequest}
 * that exists is one the CA may sign (apart from fitting inside the CA's own validity, which only the CA
 * knows).
 *
 * @param role            what the holder may act as
 * @param identity        the node id for {@link Role#NODE}, otherwise a {@link Names} label such as "scheduler-1"
 * @param tlsPublicKey    the ECDSA P-256 key the certificate certifies
 * @param sans            DNS names and IP addresses for TLS host-name checks
 * @param validity        at most {@link #MAX_VALIDITY}; short lives limit the damage of a stolen key since
 *                        there is no revocation
 * @param ed25519Identity the node's identity key; required for NODE (and its node id must equal
 *                        {@code identity}), refused for every other role
 */
public record LeafRequest(Role role, String identity, PublicKey tlsPublicKey, SubjectAltNames sans,
                          Validity validity, PublicKey ed25519Identity) {
    /** Default leaf lifetime. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    /** Longest leaf lifetime the CA signs. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(365);

    public LeafRequest {
        Principal principal = new Principal(role, identity);
        EcKeys.requireP256("the TLS key", tlsPublicKey);
        sans = sans == null ? SubjectAltNames.NONE : sans;
        if (validity == null) {
            throw new IllegalArgumentException("validity is required");
        }
        if (validity.length().compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("refusing a leaf valid for " + validity.length().toDays()
                    + " days: the maximum is " + MAX_VALIDITY.toDays());
        }
        if (role == Role.NODE) {
            if (ed25519Identity == null) {
                throw new IllegalArgumentException("a NODE certificate must bind the node's Ed25519 identity key");
            }
            String derived = NodeIdentity.nodeIdOf(ed25519Identity);
            if (!derived.equals(identity)) {
                throw new IllegalArgumentException("identity " + identity + " is not the node id of the given Ed25519 key (" + derived + ")");
            }
        } else if (ed25519Identity != null) {
            throw new IllegalArgumentException("only NODE certificates carry an Ed25519 identity key, not " + principal.role());
        }
    }

    /** A NODE request: identity and Ed25519 binding both come from {@code identity}. */
    public static LeafRequest node(NodeIdentity identity, PublicKey tlsPublicKey, SubjectAltNames sans, Validity validity) {
        return new LeafRequest(Role.NODE, identity.nodeId(), tlsPublicKey, sans, validity, identity.publicKey());
    }

    /** A request for a service or operator certificate (no Ed25519 binding). */
    public static LeafRequest service(Role role, String name, PublicKey tlsPublicKey, SubjectAltNames sans, Validity validity) {
        return new LeafRequest(role, name, tlsPublicKey, sans, validity, null);
    }

    /** {@link #DEFAULT_VALIDITY} from {@code now}. */
    public static Validity defaultValidity(Instant now) {
        return Validity.starting(now, DEFAULT_VALIDITY);
    }

    public Principal principal() {
        return new Principal(role, identity);
    }
}
