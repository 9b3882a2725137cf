package io.cell0.migration;

import io.cell0.security.TlsMaterial;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Entry point of the migration-service. Its behaviour arrives with its own issue; today it only starts and reports health. */
@SpringBootApplication
@EnableConfigurationProperties(TlsProperties.class)
public class MigrationApplication {
    /** Loaded at start-up so that a missing or wrong certificate file stops the service at once, naming its key. */
    @Bean
    Optional<TlsMaterial> tlsMaterial(TlsProperties tls) {
        return tls.load();
    }

    public static void main(String[] args) {
        SpringApplication.run(MigrationApplication.class, args);
    }
}
