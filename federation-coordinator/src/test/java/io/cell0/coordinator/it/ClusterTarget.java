package io.cell0.coordinator.it;

import io.cell0.coordinator.fault.Nemesis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The nemesis's view of a {@link LocalCluster}: processes to kill and pause, links to cut. */
final class ClusterTarget implements Nemesis.Target {
    private final LocalCluster cluster;
    private final NftLinks links;
    private final HttpClient http;

    /** @param links null when partitions are not possible here */
    ClusterTarget(LocalCluster cluster, NftLinks links) {
        this.cluster = cluster;
        this.links = links;
        this.http = cluster.operatorHttp(Duration.ofMillis(500));
    }

    @Override
    public int size() {
        return cluster.nodes.size();
    }

    @Override
    public int leader() {
        // The node that says it is leader, in the highest term any node reports; a node that is
        // paused or cut off cannot answer within the second and has no say.
        int leader = -1;
        long bestTerm = -1;
        long highestTerm = -1;
        for (int i = 0; i < size(); i++) {
            CoordinatorProcess p = cluster.nodes.get(i);
            if (!p.isAlive()) {
                continue;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(p.restUrl() + "/federation/status"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                var status = ClusterClient.JSON.readTree(r.body());
                long term = status.path("term").asLong();
                highestTerm = Math.max(highestTerm, term);
                if ("leader".equals(ClusterClient.text(status.path("role"))) && term > bestTerm) {
                    bestTerm = term;
                    leader = i;
                }
            } catch (Exception e) {
                // paused, starting or cut off
            }
        }
        return bestTerm == highestTerm ? leader : -1;
    }

    @Override
    public void kill(int node) throws Exception {
        cluster.nodes.get(node).signal("CONT");
        cluster.nodes.get(node).kill();
    }

    @Override
    public void start(int node) throws Exception {
        cluster.nodes.get(node).start();
    }

    @Override
    public void pause(int node) throws Exception {
        cluster.nodes.get(node).signal("STOP");
    }

    @Override
    public void resume(int node) throws Exception {
        cluster.nodes.get(node).signal("CONT");
    }

    @Override
    public boolean canPartition() {
        return links != null;
    }

    @Override
    public void cut(List<int[]> pairs) throws Exception {
        links.cut(pairs);
    }

    @Override
    public void heal() throws Exception {
        if (links != null) {
            links.heal();
        }
    }
}
