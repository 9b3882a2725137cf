package io.cell0.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

@SpringBootTest(properties = {"server.port=0", "security.tls.enabled=false"})
class MigrationApplicationTest {
    @Autowired
    HealthEndpoint health;

    @Test
    void contextStartsAndReportsUp() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
