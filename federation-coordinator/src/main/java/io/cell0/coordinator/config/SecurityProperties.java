package io.cell0.coordinator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code security:} section of federation.yaml. TLS is on unless switched off explicitly; then the three
 * files are required (checked, with the key named, by {@code TransportSecurity} at start-up).
 *
 * @param tls         the node's mutual-TLS files, used for REST (server and client) and Raft
 * @param identityKey the node's Ed25519 identity (PKCS#8 PEM); optional, and when given it must be the
 *                    key the node certificate is bound to
 */
@Validated
@ConfigurationProperties(prefix = "security", ignoreUnknownFields = false)
public record SecurityProperties(@Valid @NotNull @DefaultValue Tls tls, @DefaultValue("") String identityKey) {

    /**
     * @param enabled true (the default): REST only over HTTPS with a client certificate, Raft over mTLS
     * @param caCert  PEM certificate of the cluster CA, the only trust anchor
     * @param cert    PEM leaf certificate of this node (role node, the node's IP or DNS name in its SAN)
     * @param key     PKCS#8 PEM EC P-256 private key of that certificate
     */
    public record Tls(@DefaultValue("true") boolean enabled, @DefaultValue("") String caCert,
                      @DefaultValue("") String cert, @DefaultValue("") String key) {
    }
}
