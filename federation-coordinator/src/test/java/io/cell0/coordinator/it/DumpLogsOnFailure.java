package io.cell0.coordinator.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the tail of every node's log when a test fails: the only way to see why a process misbehaved. */
final class DumpLogsOnFailure implements TestWatcher {
    private final Supplier<LocalCluster> cluster;

    DumpLogsOnFailure(Supplier<LocalCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        LocalCluster c = cluster.get();
        if (c != null) {
            System.err.println("Test " + context.getDisplayName() + " failed; node logs:" + c.logs());
        }
    }
}
