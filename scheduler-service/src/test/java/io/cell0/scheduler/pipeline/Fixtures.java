package io.cell0.scheduler.pipeline;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Short ways to write nodes and requests in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Resources res(long cpuMillis, long memoryMb) {
        return new Resources(cpuMillis, memoryMb, 0, 0);
    }

    static NodeBuilder node(String id) {
        return new NodeBuilder(id);
    }

    /** A healthy voter with 4 cores, 8 GiB, no gpus, 100 GiB storage, nothing allocated. */
    static NodeView node(String id, String zone) {
        return node(id).zone(zone).build();
    }

    static PlacementRequest req(String agentId, long cpuMillis, long memoryMb) {
        return PlacementRequest.of(agentId, res(cpuMillis, memoryMb));
    }

    static ClusterView view(NodeView... nodes) {
        return ClusterView.of(7, Arrays.asList(nodes));
    }

    static ClusterView view(List<NodeView> nodes) {
        return ClusterView.of(7, nodes);
    }

    static final class NodeBuilder {
        private final String id;
        private String zone = "z1";
        private NodeStatus status = NodeStatus.HEALTHY;
        private NodeRole role = NodeRole.VOTER;
        private Resources total = new Resources(4000, 8192, 0, 102_400);
        private Resources allocated = Resources.ZERO;
        private Set<String> data = Set.of();
        private boolean quarantined;
        private boolean draining;

        NodeBuilder(String id) {
            this.id = id;
        }

        NodeBuilder zone(String z) {
            zone = z;
            return this;
        }

        NodeBuilder status(NodeStatus s) {
            status = s;
            return this;
        }

        NodeBuilder role(NodeRole r) {
            role = r;
            return this;
        }

        NodeBuilder total(Resources r) {
            total = r;
            return this;
        }

        NodeBuilder total(long cpu, long mem) {
            return total(new Resources(cpu, mem, total.gpus(), total.storageMb()));
        }

        NodeBuilder allocated(Resources r) {
            allocated = r;
            return this;
        }

        NodeBuilder allocated(long cpu, long mem) {
            return allocated(new Resources(cpu, mem, 0, 0));
        }

        NodeBuilder data(String... sets) {
            data = Set.of(sets);
            return this;
        }

        NodeBuilder quarantined() {
            quarantined = true;
            return this;
        }

        NodeBuilder draining() {
            draining = true;
            return this;
        }

        NodeView build() {
            return new NodeView(id, zone, status, role, total, allocated, 0, data, quarantined, draining);
        }
    }
}
