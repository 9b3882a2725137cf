package io.cell0.coordinator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code federation:} section of federation.yaml.
 *
 * @param bootstrap the initial voters, each {@code id@host:port} (Raft address); empty = this node
 *                  alone (development mode)
 * @param observers the initial observers (Raft listeners), same format
 * @param autoJoin  join an existing cluster at start-up (arrives with the join-token issue)
 * @param tls       the seed's names for the node's TLS files ({@code cert_file}, {@code key_file},
 *                  {@code ca_file}); an alternative to {@code security.tls.cert / key / ca_cert}
 *                  ({@link SecurityProperties}), not to be combined with it
 */
@Validated
@ConfigurationProperties(prefix = "federation", ignoreUnknownFields = false)
public record FederationProperties(
        @NotNull @DefaultValue({}) List<@Pattern(regexp = PEER, message = PEER_MESSAGE) String> bootstrap,
        @NotNull @DefaultValue({}) List<@Pattern(regexp = PEER, message = PEER_MESSAGE) String> observers,
        @DefaultValue("false") boolean autoJoin,
        @Valid @NotNull @DefaultValue Tls tls,
        @DefaultValue("false") boolean requireAttestation,
        @DefaultValue("false") boolean allowUntrustedNodes) {

    static final String PEER = "[A-Za-z0-9_:\\-][A-Za-z0-9_.:\\-]{0,127}@" + HostPort.REGEX;
    static final String PEER_MESSAGE = "must be id@host:port, e.g. node-2@127.0.0.12:9000";

    public record Tls(@DefaultValue("") String certFile, @DefaultValue("") String keyFile,
                      @DefaultValue("") String caFile) {
    }
}
