package io.cell0.scheduler.service;

import io.cell0.security.TlsMaterial;
import io.cell0.security.TlsSettings;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code security.tls.*}: the scheduler's certificate (role scheduler) for its calls to the
 * coordinators. On by default; then the three PEM files are required and checked at start-up, and a
 * problem stops it with the key named.
 *
 * @param enabled true: call coordinators over HTTPS with this client certificate, verifying theirs
 * @param caCert  PEM certificate of the cluster CA, the only trust anchor
 * @param cert    PEM leaf certificate ({@code urn:cell0:scheduler:<name>})
 * @param key     its PKCS#8 PEM EC P-256 key
 */
@ConfigurationProperties(prefix = "security.tls")
public record TlsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String caCert,
                            @DefaultValue("") String cert, @DefaultValue("") String key) {
    /** The loaded files, empty when TLS is off; throws naming the key when a file is missing or wrong. */
    public Optional<TlsMaterial> load() {
        return new TlsSettings(enabled, caCert, cert, key, TlsSettings.SERVICE_KEYS).load();
    }
}
