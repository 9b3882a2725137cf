package io.cell0.coordinator.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts links between coordinator processes with nftables, inside the private network namespace
 * the fault run lives in. All nodes share the namespace's loopback, and outgoing connections there
 * always leave from 127.0.0.1, so a source address cannot tell the nodes apart; each node therefore
 * runs as its own user id. The output hook marks every packet with the uid of the socket that sent
 * it, and the first packet of every connection also stamps the connection (conntrack mark) with the
 * uid of the node that opened it. A cut A–B drops, in the input hook, packets sent by A addressed to
 * B and packets sent by A on connections B opened — and the same the other way round. The second
 * rule matters: a node's outgoing connections leave from 127.0.0.1, so the answers on a connection
 * A opened to B are addressed to 127.0.0.1, not to A's address, and a rule on the destination alone
 * let them through (B could still answer, or push on, A's connections during a cut). Client traffic
 * (this process, root) is untouched.
 *
 * <p>Dropping on input rather than output matters: a packet refused in the sender's own output
 * hook is a local error, and TCP retries it every half second; a packet lost on the way (input)
 * is a real loss, and TCP backs off exponentially, as it would on a real network. A connection
 * that carried data through a long cut can therefore stay silent for a while after the heal —
 * the coordinator has to notice and reconnect (see {@code LinkRefresher}).
 */
final class NftLinks {
    static final String TABLE = "cell0_fault";
    private final List<CoordinatorProcess> nodes;

    NftLinks(List<CoordinatorProcess> nodes) {
        this.nodes = nodes;
        for (CoordinatorProcess p : nodes) {
            if (p.uid() < 0) {
                throw new IllegalArgumentException(p.id + " does not run as its own user; links cannot be cut");
            }
        }
    }

    void install() throws IOException {
        StringBuilder script = new StringBuilder("table inet " + TABLE + " {\n  chain out {\n    type filter hook output priority 0; policy accept;\n");
        for (CoordinatorProcess p : nodes) {
            script.append("    meta skuid ").append(p.uid()).append(" meta mark set ").append(p.uid()).append('\n');
        }
        script.append("    ct state new ct mark set meta mark\n");
        script.append("  }\n  chain in {\n    type filter hook input priority 0; policy accept;\n  }\n}\n");
        nft(script.toString());
    }

    /** Replaces the current cut with these pairs (0-based node indexes), atomically. */
    void cut(List<int[]> pairs) throws IOException {
        StringBuilder script = new StringBuilder("flush chain inet " + TABLE + " in\n");
        for (int[] pair : pairs) {
            drop(script, nodes.get(pair[0]), nodes.get(pair[1]));
            drop(script, nodes.get(pair[1]), nodes.get(pair[0]));
        }
        nft(script.toString());
    }

    private static void drop(StringBuilder script, CoordinatorProcess from, CoordinatorProcess to) {
        script.append("add rule inet ").append(TABLE).append(" in meta mark ").append(from.uid())
                .append(" ip daddr ").append(to.host).append(" drop\n");
        script.append("add rule inet ").append(TABLE).append(" in meta mark ").append(from.uid())
                .append(" ct mark ").append(to.uid()).append(" drop\n");
    }

    void heal() throws IOException {
        nft("flush chain inet " + TABLE + " in\n");
    }

    void remove() throws IOException {
        nft("delete table inet " + TABLE + "\n");
    }

    /** The rules now in force, as nft lists them (for the run's report). */
    String ruleset() throws IOException {
        return run(List.of("nft", "list", "table", "inet", TABLE), null);
    }

    private static void nft(String script) throws IOException {
        run(List.of("nft", "-f", "-"), script);
    }

    private static String run(List<String> command, String stdin) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out + "\nscript:\n" + stdin);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
