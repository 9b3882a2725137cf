package io.cell0.coordinator.security;

import io.cell0.coordinator.config.SecurityProperties;
import io.cell0.security.KeyStores;
import io.cell0.security.TlsMaterial;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST listener: with {@code security.tls.enabled} it serves HTTPS only, from an SSL bundle built
 * from the node's PEM files, and requires a client certificate ({@code client-auth=need}), so a caller
 * without a certificate from the cluster CA never gets past the handshake.
 *
 * <p>This customises only the application's own web server. A separate management server (only when
 * {@code management.server.port} is set) keeps its own {@code management.server.ssl.*} settings, so
 * probes can reach health there without a certificate if the deployment chooses so.
 */
@Configuration(proxyBeanMethods = false)
class TlsListenerConfiguration {
    static final String BUNDLE = "cell0";
    private static final Logger log = LoggerFactory.getLogger(TlsListenerConfiguration.class);

    @Bean
    TransportSecurity transportSecurity(SecurityProperties properties, Clock clock) {
        TransportSecurity t = TransportSecurity.from(properties, clock);
        if (t.enabled()) {
            log.info("mutual TLS on: REST over HTTPS with client certificates, Raft over mTLS; this node is {}",
                    t.material().flatMap(TlsMaterial::principal).map(Object::toString).orElse("?"));
        } else {
            log.warn("security.tls.enabled=false: REST and Raft are PLAINTEXT and every request is allowed; development only");
        }
        return t;
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> httpsOnly(TransportSecurity transport) {
        return factory -> transport.material().ifPresent(m -> {
            String password = TlsMaterial.keyStorePassword();
            SslBundle bundle = SslBundle.of(SslStoreBundle.of(m.keyStore(), password, m.trustStore()),
                    SslBundleKey.of(password, KeyStores.KEY_ALIAS));
            Ssl ssl = new Ssl();
            ssl.setEnabled(true);
            ssl.setBundle(BUNDLE);
            ssl.setClientAuth(Ssl.ClientAuth.NEED);
            factory.setSsl(ssl);
            factory.setSslBundles(new DefaultSslBundleRegistry(BUNDLE, bundle));
        });
    }
}
