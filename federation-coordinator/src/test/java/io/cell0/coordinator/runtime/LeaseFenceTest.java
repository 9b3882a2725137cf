package io.cell0.coordinator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The out-of-JVM fence kills the agents once the written lease is over, and only the agents. */
class LeaseFenceTest {
    @TempDir
    Path agents;
    Process agent;
    Process stranger;
    Process keeper;
    LeaseFence fence;

    @AfterEach
    void cleanUp() {
        if (fence != null) {
            fence.close();
        }
        for (Process p : new Process[] {agent, stranger, keeper}) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    Process sleeper(String dir, boolean rightTicks) throws Exception {
        Process p = new ProcessBuilder("sleep", "120").start();
        Path d = Files.createDirectories(agents.resolve(dir));
        String ticks = rightTicks ? ProcessAgentRuntime.startTicks(p.pid()) : "1";
        Files.writeString(d.resolve("agent.pid"), p.pid() + " 0 " + ticks + "\n");
        return p;
    }

    @Test
    void agentsDieWhenTheLeaseIsOverEvenIfNobodyElseActs() throws Exception {
        Assumptions.assumeTrue(ProcessAgentRuntime.onPath("bash") && ProcessAgentRuntime.onPath("setpriv"), "needs bash and setpriv");
        agent = sleeper("a1", true);
        stranger = sleeper("a2", false); // a reused pid: the start time does not match
        keeper = sleeper("a3", true);
        Files.writeString(agents.resolve("a3").resolve(LeaseFence.KEEP_RUNNING_MARKER), "on_disconnect: keep_running\n");
        AtomicLong remaining = new AtomicLong(60_000);
        fence = new LeaseFence(agents, remaining::get, 50);
        assertThat(Files.readString(agents.resolve(".lease")).trim()).isNotEmpty();
        // With the lease running the agent stays alive through several rounds of the fence.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(agent::isAlive);

        remaining.set(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !agent.isAlive());
        assertThat(stranger.isAlive()).as("a process whose start time does not match the pid file").isTrue();
        assertThat(keeper.isAlive()).as("an agent that chose to keep running through a disconnection").isTrue();
        // The fence logs right after the kill: the line may land a moment after the process is gone.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(agents.resolve(".lease-fence.log"))).contains("killed agent pid " + agent.pid()));
    }

    @Test
    void withoutEnforcementTheLeaseNeverEnds() throws Exception {
        fence = new LeaseFence(agents, () -> Long.MAX_VALUE, 50);
        assertThat(Long.parseLong(Files.readString(agents.resolve(".lease")).trim())).isEqualTo(LeaseFence.FOREVER);
    }
}
