package io.cell0.coordinator.consensus;

import io.cell0.security.Role;
import io.cell0.security.TlsMaterial;
import java.time.Clock;
import java.util.EnumSet;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Mutual TLS for the Raft transport. Peers present their node certificate; the trust manager accepts
 * only certificates from the cluster CA that carry the node role (and a valid Ed25519 binding), so a
 * scheduler or operator certificate, although from the right CA, cannot talk Raft.
 */
public final class RaftTls {
    private RaftTls() {
    }

    public static GrpcTlsConfig of(TlsMaterial material, Clock clock) {
        return new GrpcTlsConfig(material.keyManagers()[0], material.roleCheckingTrustManager(EnumSet.of(Role.NODE), clock), true);
    }
}
