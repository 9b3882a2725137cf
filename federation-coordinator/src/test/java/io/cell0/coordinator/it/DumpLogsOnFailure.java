package io.cell0.coordinator.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the tail of every node's log when a test fails: the only way to see why a process
 * misbehaved. Runs right after the test method, before {@code @AfterEach} removes the cluster.
 */
final class DumpLogsOnFailure implements AfterTestExecutionCallback {
    private final Supplier<LocalCluster> cluster;

    DumpLogsOnFailure(Supplier<LocalCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        LocalCluster c = cluster.get();
        if (c != null && context.getExecutionException().isPresent()) {
            System.err.println("Test " + context.getDisplayName() + " failed; node logs:" + c.logs());
        }
    }
}
