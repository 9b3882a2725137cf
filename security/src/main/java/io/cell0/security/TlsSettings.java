package io.cell0.security;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A service's TLS configuration as written by an operator: the switch and three file paths, plus the
 * names of the configuration keys they came from (they differ between a federation.yaml and Spring
 * properties), so that every refusal names the key to fix.
 */
public record TlsSettings(boolean enabled, String caCert, String cert, String key, KeyNames keyNames) {
    /** The keys of the Spring Boot services (scheduler, migration): {@code security.tls.*} in kebab case. */
    public static final KeyNames SERVICE_KEYS = new KeyNames("security.tls.enabled", "security.tls.ca-cert",
            "security.tls.cert", "security.tls.key");

    /** The configuration keys of the four settings, as the operator writes them. */
    public record KeyNames(String enabled, String caCert, String cert, String key) {
        public String of(TlsFileException.File file) {
            return switch (file) {
                case CA_CERT -> caCert;
                case CERT -> cert;
                case KEY -> key;
            };
        }
    }

    /** A setting that stops start-up; {@link #key()} is the configuration key to fix. */
    public static final class InvalidTlsSettingException extends PkiException {
        private final String key;
        private final String problem;

        public InvalidTlsSettingException(String key, String problem, Throwable cause) {
            super(key + ": " + problem, cause);
            this.key = key;
            this.problem = problem;
        }

        public String key() {
            return key;
        }

        /** The message without the key. */
        public String problem() {
            return problem;
        }
    }

    /** The loaded material, or empty when TLS is switched off. */
    public Optional<TlsMaterial> load() {
        if (!enabled) {
            return Optional.empty();
        }
        Path ca = required(keyNames.caCert(), caCert);
        Path leaf = required(keyNames.cert(), cert);
        Path privateKey = required(keyNames.key(), key);
        try {
            return Optional.of(TlsMaterial.load(ca, leaf, privateKey));
        } catch (TlsFileException e) {
            throw new InvalidTlsSettingException(keyNames.of(e.file()), e.getMessage(), e);
        }
    }

    private Path required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidTlsSettingException(name, "required when " + keyNames.enabled() + " is true (a PEM file path)", null);
        }
        return Path.of(value);
    }
}
