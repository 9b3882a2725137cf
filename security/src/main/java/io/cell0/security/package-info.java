/**
 * The cluster's public-key infrastructure, kept free of Spring and Ratis so that the coordinator, the
 * services and the {@code pki} command-line tool can all share it.
 *
 * <p>Two kinds of key, on purpose:
 * <ul>
 *   <li>an <b>Ed25519 node identity</b> ({@link io.cell0.security.NodeIdentity}): the node id is derived
 *       from it, and it signs join tokens and node-to-node messages;</li>
 *   <li><b>ECDSA P-256 TLS keys</b> for the CA and every leaf certificate ({@link io.cell0.security.ClusterCa}),
 *       because Ratis' gRPC transport (BoringSSL) refuses Ed25519 anywhere in a TLS chain.</li>
 * </ul>
 * A node certificate binds the two by carrying the node's Ed25519 public key in a private extension
 * ({@link io.cell0.security.Cell0Extensions}).
 *
 * <p>No method here reads the clock: every check takes the instant to check at, so tests and replayed
 * decisions are deterministic. May import: the JDK and Bouncy Castle (ASN.1 and certificate building
 * only; Bouncy Castle is never installed as a JCA provider).
 */
package io.cell0.security;
