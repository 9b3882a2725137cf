package io.cell0.coordinator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderPerTermCheckerTest {
    static String line(String node, String from, long term) {
        return "2026-11-24T10:00:00Z  INFO 1 --- [x] o.a.ratis.server.RaftServer$Division : " + node
                + "@group-83EF388286C4: changes role from " + from + " to LEADER at term " + term + " for changeToLeader";
    }

    @Test
    void oneLeaderPerTermAcrossNodesIsFine(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.log"), List.of(line("node-1", "CANDIDATE", 2), "noise", line("node-1", "CANDIDATE", 5)));
        Path b = Files.write(dir.resolve("b.log"), List.of(line("node-2", "CANDIDATE", 3)));
        assertThat(LeaderPerTermChecker.violations(List.of(a, b))).isEmpty();
    }

    @Test
    void twoLeadersInOneTermAreReported(@TempDir Path dir) throws Exception {
        Path a = Files.write(dir.resolve("a.log"), List.of(line("node-1", "CANDIDATE", 4)));
        Path b = Files.write(dir.resolve("b.log"), List.of(line("node-3", "CANDIDATE", 4), line("node-3", "CANDIDATE", 6)));
        assertThat(LeaderPerTermChecker.violations(List.of(a, b))).containsOnlyKeys(4L).containsEntry(4L, Set.of("node-1", "node-3"));
    }
}
