package io.cell0.scheduler.service;

import io.cell0.scheduler.pipeline.Pipeline;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The scheduler's link to the coordinators and its placement loop. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoordinatorClientProperties.class)
class ServiceConfiguration {

    @Bean
    ClusterMirror clusterMirror() {
        return new ClusterMirror();
    }

    @Bean
    CoordinatorClient coordinatorClient(CoordinatorClientProperties props, ObjectMapper json) {
        return new CoordinatorClient(props.urls(), json);
    }

    @Bean(destroyMethod = "close")
    PlacementLoop placementLoop(CoordinatorClient client, ClusterMirror mirror, Pipeline pipeline, CoordinatorClientProperties props) {
        PlacementLoop loop = new PlacementLoop(client, mirror, pipeline, props);
        loop.start();
        return loop;
    }
}
