package io.cell0.migration;

import io.cell0.springtls.MutualTlsServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Entry point of the migration-service. Its behaviour arrives with its own issue; today it only starts and reports health. */
@SpringBootApplication
@EnableConfigurationProperties(TlsProperties.class)
public class MigrationApplication {
    /**
     * Its listener: HTTPS with a required client certificate while TLS is on. The files are loaded here,
     * at start-up, so a missing or wrong one stops the service at once, naming its key.
     */
    @Bean
    MutualTlsServer mutualTlsServer(TlsProperties tls) {
        return new MutualTlsServer(tls.load());
    }

    public static void main(String[] args) {
        SpringApplication.run(MigrationApplication.class, args);
    }
}
