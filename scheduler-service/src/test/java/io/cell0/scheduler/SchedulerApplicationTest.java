package io.cell0.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.scheduler.pipeline.Pipeline;
import io.cell0.scheduler.pipeline.SchedulerSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

@SpringBootTest(properties = {"server.port=0", "cell0.coordinator.urls=http://127.0.0.1:1", "security.tls.enabled=false", "cell0.coordinator.retry-ms=5000"})
class SchedulerApplicationTest {
    @Autowired
    HealthEndpoint health;

    @Autowired
    Pipeline pipeline;

    @Test
    void contextStartsAndReportsUp() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void thePipelineIsBuiltFromApplicationProperties() {
        assertThat(pipeline.settings()).isEqualTo(SchedulerSettings.defaults());
    }
}
