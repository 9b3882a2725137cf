package io.cell0.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.model.NodeRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {
    @TempDir
    Path dir;

    NodeProperties node(String id, String address, NodeProperties.Role role) {
        return new NodeProperties(id, address, "127.0.0.1:8080", dir.toString(), "z", role,
                new NodeProperties.Capabilities(new NodeProperties.Compute(1, 1, 0), new NodeProperties.Storage(1, 0), List.of()));
    }

    static FederationProperties federation(List<String> voters, List<String> observers) {
        return new FederationProperties(voters, observers, false, new FederationProperties.Tls("", "", ""), false, false);
    }

    static final ClusterProperties CLUSTER = new ClusterProperties("c1", "test");
    static final List<String> THREE = List.of("n1@127.0.0.11:9000", "n2@127.0.0.12:9000", "n3@127.0.0.13:9000");

    @Test
    void withoutPeersANodeIsASingleVoterAndKeepsItsGeneratedId() {
        Topology t = Topology.resolve(CLUSTER, node("", "127.0.0.1:9000", NodeProperties.Role.AUTO), federation(List.of(), List.of()));
        assertThat(t.voters()).hasSize(1);
        assertThat(t.selfRole()).isEqualTo(NodeRole.VOTER);
        assertThat(t.selfId()).startsWith("node-");
        Topology again = Topology.resolve(CLUSTER, node("", "127.0.0.1:9000", NodeProperties.Role.AUTO), federation(List.of(), List.of()));
        assertThat(again.selfId()).isEqualTo(t.selfId());
    }

    @Test
    void theIdIsFoundByAddressAndTheGroupIdFollowsTheClusterId() {
        Topology t = Topology.resolve(CLUSTER, node("", "127.0.0.12:9000", NodeProperties.Role.AUTO), federation(THREE, List.of()));
        assertThat(t.selfId()).isEqualTo("n2");
        Topology other = Topology.resolve(new ClusterProperties("c2", ""), node("n2", "127.0.0.12:9000", NodeProperties.Role.VOTER),
                federation(THREE, List.of()));
        assertThat(other.groupId()).isNotEqualTo(t.groupId());
    }

    @Test
    void anObserverListedAsSuchIsAnObserver() {
        Topology t = Topology.resolve(CLUSTER, node("n4", "127.0.0.14:9000", NodeProperties.Role.AUTO),
                federation(THREE, List.of("n4@127.0.0.14:9000")));
        assertThat(t.selfRole()).isEqualTo(NodeRole.OBSERVER);
        assertThat(t.observers()).hasSize(1);
    }

    @Test
    void inconsistentListsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> Topology.resolve(CLUSTER, node("n9", "127.0.0.19:9000", NodeProperties.Role.AUTO), federation(THREE, List.of())))
                .hasMessageContaining("node.id");
        assertThatThrownBy(() -> Topology.resolve(CLUSTER, node("n1", "127.0.0.99:9000", NodeProperties.Role.AUTO), federation(THREE, List.of())))
                .hasMessageContaining("node.address");
        assertThatThrownBy(() -> Topology.resolve(CLUSTER, node("n1", "127.0.0.11:9000", NodeProperties.Role.OBSERVER), federation(THREE, List.of())))
                .hasMessageContaining("node.role");
        assertThatThrownBy(() -> Topology.resolve(CLUSTER, node("n1", "127.0.0.11:9000", NodeProperties.Role.AUTO),
                federation(List.of("n1@127.0.0.11:9000", "n1@127.0.0.12:9000"), List.of())))
                .hasMessageContaining("federation.bootstrap").hasMessageContaining("twice");
    }
}
