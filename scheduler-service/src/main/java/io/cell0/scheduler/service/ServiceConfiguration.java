package io.cell0.scheduler.service;

import io.cell0.scheduler.pipeline.Pipeline;
import io.cell0.security.TlsMaterial;
import io.cell0.springtls.MutualTlsServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The scheduler's link to the coordinators and its placement loop. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CoordinatorClientProperties.class, TlsProperties.class})
class ServiceConfiguration {

    @Bean
    ClusterMirror clusterMirror() {
        return new ClusterMirror();
    }

    /** The scheduler's own listener: HTTPS with a required client certificate while TLS is on. */
    @Bean
    MutualTlsServer mutualTlsServer(TlsProperties tls) {
        return new MutualTlsServer(tls.load());
    }

    @Bean
    CoordinatorClient coordinatorClient(CoordinatorClientProperties props, TlsProperties tls, ObjectMapper json) {
        Optional<TlsMaterial> material = tls.load();
        String scheme = material.isPresent() ? "https://" : "http://";
        for (String url : props.urls()) {
            if (!url.startsWith(scheme)) {
                throw new IllegalStateException("cell0.coordinator.urls: " + url + " must start with " + scheme
                        + " while security.tls.enabled is " + material.isPresent());
            }
        }
        Duration connect = Duration.ofSeconds(3);
        HttpClient http = material.map(m -> m.httpClient(connect)).orElseGet(() -> HttpClient.newBuilder().connectTimeout(connect)).build();
        return new CoordinatorClient(props.urls(), json, http);
    }

    @Bean(destroyMethod = "close")
    PlacementLoop placementLoop(CoordinatorClient client, ClusterMirror mirror, Pipeline pipeline, CoordinatorClientProperties props,
                                io.micrometer.core.instrument.MeterRegistry meters) {
        PlacementLoop loop = new PlacementLoop(client, mirror, pipeline, props, meters);
        loop.start();
        return loop;
    }
}
