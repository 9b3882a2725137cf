package io.cell0.coordinator.security;

import io.cell0.coordinator.config.SecurityProperties;
import io.cell0.security.TlsMaterial;
import io.cell0.springtls.MutualTlsServer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's TLS material, and the REST listener: with {@code security.tls.enabled} it serves HTTPS
 * only and requires a client certificate ({@link MutualTlsServer}).
 */
@Configuration(proxyBeanMethods = false)
class TlsListenerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TlsListenerConfiguration.class);

    @Bean
    TransportSecurity transportSecurity(SecurityProperties properties, io.cell0.coordinator.config.FederationProperties federation,
                                        Clock clock) {
        TransportSecurity t = TransportSecurity.from(properties, federation.tls(), clock);
        if (t.enabled()) {
            log.info("mutual TLS on: REST over HTTPS with client certificates, Raft over mTLS; this node is {}",
                    t.material().flatMap(TlsMaterial::principal).map(Object::toString).orElse("?"));
        } else {
            log.warn("security.tls.enabled=false: REST and Raft are PLAINTEXT and every request is allowed; development only");
        }
        return t;
    }

    @Bean
    MutualTlsServer httpsOnly(TransportSecurity transport) {
        return new MutualTlsServer(transport.material());
    }
}
