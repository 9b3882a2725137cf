package io.cell0.coordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * Entry point of a Cell 0 coordinator node. The node's federation.yaml comes from {@code --config PATH}
 * or the {@code CELL0_CONFIG} environment variable; with neither, a single-node development cluster
 * starts from the defaults.
 */
// No user store: callers authenticate with certificates only (ApiSecurityConfiguration), so Boot's
// generated in-memory user and password must not exist.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CoordinatorApplication {

    public static void main(String[] args) {
        useARealCommonPool();
        List<String> springArgs;
        try {
            springArgs = withFederationConfig(args, System.getenv("CELL0_CONFIG"));
        } catch (IllegalArgumentException e) {
            System.err.println("cell0: " + e.getMessage());
            System.exit(2);
            return;
        }
        SpringApplication.run(CoordinatorApplication.class, springArgs.toArray(String[]::new));
    }

    /**
     * With fewer than three cores the JDK gives the common fork-join pool a parallelism of 1, and
     * then every {@code CompletableFuture.*Async} call without an executor starts a brand-new
     * thread. Ratis makes such calls on its request path: on a 2-core machine that was hundreds of
     * threads created per second and most of the CPU. A pool of at least two threads avoids it.
     * Must run before anything touches the common pool.
     */
    static void useARealCommonPool() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** Turns {@code --config PATH} (or the environment's path) into a Spring config import of that file. */
    static List<String> withFederationConfig(String[] args, String envPath) {
        List<String> out = new ArrayList<>();
        String path = envPath == null || envPath.isBlank() ? null : envPath;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file path");
                }
                path = args[++i];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            } else {
                out.add(args[i]);
            }
        }
        if (path != null) {
            Path file = Path.of(path).toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("federation config " + file + " does not exist or cannot be read");
            }
            String name = file.getFileName().toString();
            String hint = name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".properties") ? "" : "[.yaml]";
            out.add("--spring.config.import=file:" + file + hint);
        }
        return out;
    }
}
