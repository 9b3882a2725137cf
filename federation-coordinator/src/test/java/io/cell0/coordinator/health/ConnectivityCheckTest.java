package io.cell0.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectivityCheckTest {
    static ConnectivityCheck.Peer up(String id, String zone, long rtt) {
        return new ConnectivityCheck.Peer(id, zone, true, rtt, "");
    }

    static ConnectivityCheck.Peer down(String id, String zone) {
        return new ConnectivityCheck.Peer(id, zone, false, -1, "HttpConnectTimeoutException: timed out");
    }

    @Test
    void everyPeerReachableAndOtherZonesFastIsHealthy() {
        Verdict v = ConnectivityCheck.evaluate("a", List.of(up("n2", "a", 3), up("n3", "b", 40), up("n4", "b", 12)), 50);
        assertThat(v.level()).isEqualTo(Level.HEALTHY);
        assertThat(v.details()).containsEntry("peers_reachable", 3).containsEntry("peers_total", 3);
        assertThat(v.details().get("zones")).isEqualTo(Map.of("a", Map.of("rtt_ms", 3L, "cross_zone", false),
                "b", Map.of("rtt_ms", 40L, "cross_zone", true)));
    }

    @Test
    void aCrossZoneRoundTripOverTheThresholdIsAWarningButASlowOwnZoneIsNot() {
        Verdict v = ConnectivityCheck.evaluate("a", List.of(up("n2", "a", 80), up("n3", "b", 51)), 50);
        assertThat(v.level()).isEqualTo(Level.WARNING);
        assertThat(v.reasons()).singleElement().asString().contains("zone b is 51 ms");
    }

    @Test
    void oneUnreachablePeerIsAWarningAMajorityIsCritical() {
        assertThat(ConnectivityCheck.evaluate("a", List.of(up("n2", "a", 2), down("n3", "b")), 50).level()).isEqualTo(Level.WARNING);
        Verdict v = ConnectivityCheck.evaluate("a", List.of(down("n2", "a"), down("n3", "b")), 50);
        assertThat(v.level()).isEqualTo(Level.CRITICAL);
        assertThat(v.reasons()).contains("2 of 2 peers unreachable");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> peers = (Map<String, Map<String, Object>>) v.details().get("peers");
        assertThat(peers.get("n3")).containsEntry("reachable", false).containsKey("error");
    }

    @Test
    void aSingleNodeHasNoPeersToMiss() {
        assertThat(ConnectivityCheck.evaluate("a", List.of(), 50).level()).isEqualTo(Level.HEALTHY);
    }
}
