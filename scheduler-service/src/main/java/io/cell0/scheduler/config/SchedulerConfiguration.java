package io.cell0.scheduler.config;

import io.cell0.scheduler.pipeline.Pipeline;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds {@code cell0.scheduler.*} and builds the one {@link Pipeline} the service uses. Building it at
 * start-up means a bad setting stops the service at once instead of at its first placement.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {

    @Bean
    Pipeline schedulerPipeline(SchedulerProperties properties) {
        return Pipeline.from(properties.toSettings());
    }
}
