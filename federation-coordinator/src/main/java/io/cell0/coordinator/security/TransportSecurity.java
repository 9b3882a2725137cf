package io.cell0.coordinator.security;

import io.cell0.coordinator.config.InvalidConfigurationException;
import io.cell0.coordinator.config.SecurityProperties;
import io.cell0.security.CertificateValidator;
import io.cell0.security.NodeIdentity;
import io.cell0.security.PkiException;
import io.cell0.security.Role;
import io.cell0.security.TlsFileException;
import io.cell0.security.TlsMaterial;
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
    static final String CA_CERT = "security.tls.ca_cert";
    static final String CERT = "security.tls.cert";
    static final String KEY = "security.tls.key";
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

    public static TransportSecurity from(SecurityProperties properties, Clock clock) {
        SecurityProperties.Tls tls = properties.tls();
        if (!tls.enabled()) {
            return disabled();
        }
        Path ca = required(CA_CERT, tls.caCert());
        Path cert = required(CERT, tls.cert());
        Path key = required(KEY, tls.key());
        TlsMaterial material;
        try {
            material = TlsMaterial.load(ca, cert, key);
        } catch (TlsFileException e) {
            throw new InvalidConfigurationException(keyOf(e.file()), e.getMessage());
        }
        ValidationResult own = new CertificateValidator(material.ca()).validate(material.certificate(), Role.NODE, clock.instant());
        if (!own.isOk()) {
            throw new InvalidConfigurationException(CERT, "not usable as this node's certificate: " + own.reason() + " (" + own.detail() + ")");
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

    private static Path required(String key, String value) {
        if (value.isBlank()) {
            throw new InvalidConfigurationException(key, "required when security.tls.enabled is true (a PEM file path)");
        }
        return Path.of(value);
    }

    private static String keyOf(TlsFileException.File file) {
        return switch (file) {
            case CA_CERT -> CA_CERT;
            case CERT -> CERT;
            case KEY -> KEY;
        };
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
