package io.cell0.coordinator.security;

import io.cell0.coordinator.config.FederationProperties;
import io.cell0.coordinator.config.InvalidConfigurationException;
import io.cell0.coordinator.config.SecurityProperties;
import io.cell0.security.CertificateValidator;
import io.cell0.security.NodeIdentity;
import io.cell0.security.PkiException;
import io.cell0.security.Role;
import io.cell0.security.TlsMaterial;
import io.cell0.security.TlsSettings;
import io.cell0.security.ValidationResult;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * This node's TLS material, loaded once at start-up from {@code security.*} and shared by the HTTPS
 * listener, the node's own HTTP probes and the Raft transport. With TLS on, every problem with the files
 * stops start-up with an {@link InvalidConfigurationException} that names the federation.yaml key.
 */
public final class TransportSecurity {
    static final TlsSettings.KeyNames KEYS = new TlsSettings.KeyNames("security.tls.enabled", "security.tls.ca_cert",
            "security.tls.cert", "security.tls.key");
    static final String IDENTITY_KEY = "security.identity_key";

    private final TlsMaterial material;
    private final NodeIdentity identity;

    private TransportSecurity(TlsMaterial material, NodeIdentity identity) {
        this.material = material;
        this.identity = identity;
    }

    /** TLS off: plain HTTP and plaintext Raft (development only). */
    public static TransportSecurity disabled() {
        return new TransportSecurity(null, null);
    }

    /** The seed's names for the same three files ({@code federation.tls.*}). */
    static final TlsSettings.KeyNames SEED_KEYS = new TlsSettings.KeyNames("security.tls.enabled", "federation.tls.ca_file",
            "federation.tls.cert_file", "federation.tls.key_file");

    public static TransportSecurity from(SecurityProperties properties, Clock clock) {
        return from(properties, new FederationProperties.Tls("", "", ""), clock);
    }

    /**
     * The files come from {@code security.tls.*} or, as in the seed's example configuration, from
     * {@code federation.tls.cert_file / key_file / ca_file}; setting both is refused.
     */
    public static TransportSecurity from(SecurityProperties properties, FederationProperties.Tls seed, Clock clock) {
        SecurityProperties.Tls tls = properties.tls();
        boolean ours = !(tls.caCert().isBlank() && tls.cert().isBlank() && tls.key().isBlank());
        boolean seeds = !(seed.caFile().isBlank() && seed.certFile().isBlank() && seed.keyFile().isBlank());
        if (ours && seeds) {
            throw new InvalidConfigurationException("federation.tls", "the certificate files are set both here and under security.tls; "
                    + "set them in one place");
        }
        TlsMaterial material;
        try {
            material = (seeds ? new TlsSettings(tls.enabled(), seed.caFile(), seed.certFile(), seed.keyFile(), SEED_KEYS)
                    : new TlsSettings(tls.enabled(), tls.caCert(), tls.cert(), tls.key(), KEYS)).load().orElse(null);
        } catch (TlsSettings.InvalidTlsSettingException e) {
            throw new InvalidConfigurationException(e.key(), e.problem());
        }
        if (material == null) {
            return disabled();
        }
        ValidationResult own = new CertificateValidator(material.ca()).validate(material.certificate(), Role.NODE, clock.instant());
        if (!own.isOk()) {
            throw new InvalidConfigurationException(KEYS.cert(), "not usable as this node's certificate: " + own.reason() + " (" + own.detail() + ")");
        }
        NodeIdentity identity = null;
        if (!properties.identityKey().isBlank()) {
            try {
                identity = material.requireBoundIdentity(Path.of(properties.identityKey()));
            } catch (PkiException e) {
                throw new InvalidConfigurationException(IDENTITY_KEY, e.getMessage());
            }
        }
        return new TransportSecurity(material, identity);
    }

    public boolean enabled() {
        return material != null;
    }

    /** The loaded files; empty when TLS is off. */
    public Optional<TlsMaterial> material() {
        return Optional.ofNullable(material);
    }

    /** The Ed25519 identity, when {@code security.identity_key} is set. */
    public Optional<NodeIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** {@code https} with TLS on, else {@code http}: the scheme for URLs to other nodes' REST APIs. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /** A client for other nodes' REST APIs: with TLS, this node's certificate and the CA as only anchor. */
    public HttpClient httpClient(Duration connectTimeout) {
        return material().map(m -> m.httpClient(connectTimeout))
                .orElseGet(() -> HttpClient.newBuilder().connectTimeout(connectTimeout)).build();
    }
}
