package io.cell0.coordinator.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed {@code check_connectivity}: can this node reach its peers' APIs (over mutual TLS when TLS is
 * on), and how long is the round trip to each zone. A majority of peers unreachable is CRITICAL (this
 * node is on the minority side of a partition, or the cluster is mostly down); one unreachable peer or
 * a slow zone is a WARNING.
 */
public final class ConnectivityCheck {
    private ConnectivityCheck() {
    }

    /**
     * The last probes of one peer.
     *
     * @param rttMs median round trip of the recent successful probes; -1 when none succeeded
     * @param error why the last probe failed; empty when it succeeded
     */
    public record Peer(String id, String zone, boolean reachable, long rttMs, String error) {
    }

    public static Verdict evaluate(String selfZone, List<Peer> peers, long crossZoneWarningMs) {
        Verdict.Builder v = new Verdict.Builder().detail("zone", selfZone).detail("cross_zone_warning_ms", crossZoneWarningMs);
        Map<String, Object> byPeer = new TreeMap<>();
        Map<String, Long> zoneRtt = new TreeMap<>();
        int unreachable = 0;
        for (Peer p : peers) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("zone", p.zone());
            d.put("reachable", p.reachable());
            d.put("rtt_ms", p.rttMs());
            if (!p.error().isEmpty()) {
                d.put("error", p.error());
            }
            byPeer.put(p.id(), d);
            if (!p.reachable()) {
                unreachable++;
            } else if (p.rttMs() >= 0) {
                // A zone is as slow as its slowest reachable peer.
                zoneRtt.merge(p.zone(), p.rttMs(), Math::max);
            }
        }
        Map<String, Object> zones = new TreeMap<>();
        zoneRtt.forEach((zone, rtt) -> {
            boolean cross = !zone.equals(selfZone);
            zones.put(zone, Map.of("rtt_ms", rtt, "cross_zone", cross));
            if (cross && rtt > crossZoneWarningMs) {
                v.finding(Level.WARNING, "round trip to zone " + zone + " is " + rtt + " ms (warning above " + crossZoneWarningMs + " ms)");
            }
        });
        v.detail("peers_total", peers.size()).detail("peers_reachable", peers.size() - unreachable).detail("peers", byPeer)
                .detail("zones", zones);
        if (peers.isEmpty()) {
            return v.detail("note", "no peers known").build();
        }
        if (2 * unreachable > peers.size()) {
            v.finding(Level.CRITICAL, unreachable + " of " + peers.size() + " peers unreachable");
        } else if (unreachable > 0) {
            v.finding(Level.WARNING, unreachable + " of " + peers.size() + " peers unreachable");
        }
        return v.build();
    }
}
