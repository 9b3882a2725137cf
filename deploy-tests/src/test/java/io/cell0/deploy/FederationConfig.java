package io.cell0.deploy;

import io.cell0.coordinator.config.ClusterProperties;
import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.config.FederationProperties;
import io.cell0.coordinator.config.NodeProperties;
import io.cell0.coordinator.config.RuntimeProperties;
import io.cell0.coordinator.config.Topology;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Binds a deployment's federation.yaml, plus the environment its container gets, through the
 * coordinator's own {@code @ConfigurationProperties} records (with their validation and
 * unknown-key checks) and {@link Topology#resolve}, the way a starting coordinator does: the file
 * as a Spring config import, the environment above it. Nothing else starts (no Raft, no web server).
 */
final class FederationConfig {

    record Bound(ClusterProperties cluster, NodeProperties node, ConsensusProperties consensus,
                 FederationProperties federation, RuntimeProperties runtime, Topology topology) {
    }

    /** Every record of the coordinator's config package, so sections added there are checked too. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = ClusterProperties.class)
    static class Records {
    }

    private FederationConfig() {
    }

    /** Throws (with Spring's message naming the key) when the coordinator would refuse to start. */
    static Bound bind(Path federationYaml, Map<String, String> containerEnv) {
        SpringApplication app = new SpringApplication(Records.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        // Only the container's environment: variables of the machine running the test must not leak in.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(containerEnv)));
        app.setEnvironment(environment);
        try (ConfigurableApplicationContext context = app.run("--spring.config.import=file:" + federationYaml.toAbsolutePath())) {
            ClusterProperties cluster = context.getBean(ClusterProperties.class);
            NodeProperties node = context.getBean(NodeProperties.class);
            FederationProperties federation = context.getBean(FederationProperties.class);
            return new Bound(cluster, node, context.getBean(ConsensusProperties.class), federation,
                    context.getBean(RuntimeProperties.class), Topology.resolve(cluster, node, federation));
        }
    }
}
