package io.cell0.springtls;

import io.cell0.security.KeyStores;
import io.cell0.security.TlsMaterial;
import java.util.Optional;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;

/**
 * A service's own listener with TLS on: HTTPS only, from an SSL bundle built in memory from the
 * service's PEM files, with a client certificate required ({@code client-auth=need}), so a caller
 * without a certificate from the cluster CA never gets past the handshake. With TLS off it changes
 * nothing.
 *
 * <p>It customises only the application's own web server. A separate management server (only when
 * {@code management.server.port} is set) keeps its own {@code management.server.ssl.*} settings, so a
 * deployment can leave health probes on plain HTTP there.
 */
public final class MutualTlsServer implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {
    /** The name of the SSL bundle the listener uses. */
    public static final String BUNDLE = "cell0";

    private final Optional<TlsMaterial> material;

    public MutualTlsServer(Optional<TlsMaterial> material) {
        this.material = material;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        material.ifPresent(m -> {
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
