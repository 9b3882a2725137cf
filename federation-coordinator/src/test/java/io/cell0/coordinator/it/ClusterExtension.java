package io.cell0.coordinator.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalCluster} for a test class: started before the first test, killed after the last,
 * and every node's log tail printed when a test fails (before anything is cleaned up).
 *
 * <pre>@RegisterExtension static final ClusterExtension cluster = new ClusterExtension(LocalCluster.Options.voters(3));</pre>
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback {
    private final LocalCluster.Options options;
    private LocalCluster cluster;

    ClusterExtension(LocalCluster.Options options) {
        this.options = options;
    }

    LocalCluster get() {
        return cluster;
    }

    ClusterClient api() {
        return cluster.client;
    }

    CoordinatorProcess node(int i) {
        return cluster.node(i);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = LocalCluster.start(options);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (cluster != null && context.getExecutionException().isPresent()) {
            System.err.println("Test " + context.getDisplayName() + " failed; node logs:" + cluster.logs());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }
}
