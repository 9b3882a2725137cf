package io.cell0.coordinator.consensus;

import io.cell0.coordinator.config.ConsensusProperties;
import io.cell0.coordinator.config.HostPort;
import io.cell0.coordinator.config.NodeProperties;
import io.cell0.coordinator.config.Topology;
import io.cell0.coordinator.core.ClusterState;
import io.cell0.model.NodeRole;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Raft server plus the client it uses to propose commands and to obtain read indexes.
 * Everything Ratis-specific outside the state machine lives here.
 */
public final class ConsensusNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsensusNode.class);
    private static final Message READ_INDEX = Message.valueOf("read-index");
    private static final int RETRY_SLEEP_MS = 10;

    private final Topology topology;
    private final RaftGroup group;
    private final RaftPeerId self;
    private final CoordinatorStateMachine stateMachine;
    private final RaftServer server;
    /** Replaced when Ratis closes it (see {@link #sendBatch}); always read through this field. */
    private volatile RaftClient client;
    private final java.util.function.Supplier<RaftClient> clients;
    private final CommandBatcher batcher;
    private final java.util.concurrent.atomic.AtomicLong failedReadBarriers = new java.util.concurrent.atomic.AtomicLong();

    /** What a status call reports about Raft from this node's point of view. */
    public record RaftStatus(String role, long term, String leaderId, long commitIndex, long appliedIndex,
                             List<String> voters, List<String> observers) {
    }

    public ConsensusNode(Topology topology, NodeProperties node, ConsensusProperties consensus,
                         CoordinatorStateMachine.AppliedIndexListener listener, CommandBatcher.BatchObserver batches,
                         GrpcTlsConfig tls) {
        this.topology = topology;
        this.self = RaftPeerId.valueOf(topology.selfId());
        List<RaftPeer> peers = new ArrayList<>();
        topology.voters().forEach(p -> peers.add(peer(p, RaftPeerRole.FOLLOWER)));
        topology.observers().forEach(p -> peers.add(peer(p, RaftPeerRole.LISTENER)));
        this.group = RaftGroup.valueOf(RaftGroupId.valueOf(topology.groupId()), peers);
        this.stateMachine = new CoordinatorStateMachine(new SnapshotStore(), listener);
        Parameters parameters = transportParameters(tls);
        try {
            this.server = RaftServer.newBuilder()
                    .setServerId(self)
                    .setGroup(group)
                    .setProperties(serverProperties(node, consensus))
                    .setParameters(parameters)
                    .setStateMachine(stateMachine)
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Raft server " + self + " failed to start on " + node.address(), e);
        }
        this.clients = () -> RaftClient.newBuilder()
                .setRaftGroup(group)
                .setProperties(clientProperties(consensus))
                .setParameters(parameters)
                // While a new leader is being elected every attempt fails fast (connection refused,
                // not leader, leader not ready); short sleeps let the first one after the election succeed.
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        Math.max(3, consensus.requestTimeoutMs() / RETRY_SLEEP_MS), ms(RETRY_SLEEP_MS)))
                .build();
        this.client = clients.get();
        this.batcher = new CommandBatcher(this::sendBatch, consensus.batchMaxCommands(), consensus.batchLingerMicros(),
                consensus.maxOutstandingBatches(), "cell0-batcher-" + self, batches);
        log.info("Raft server {} started on {} as {} in group {} ({} voters, {} observers)", self, node.address(),
                topology.selfRole(), group.getGroupId(), topology.voters().size(), topology.observers().size());
    }

    private static RaftPeer peer(Topology.Peer p, RaftPeerRole role) {
        return RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).setStartupRole(role).build();
    }

    /**
     * The single place transport security is configured: with {@code tls} (null = plaintext, TLS off)
     * the server, the client and the admin channels all use mutual TLS.
     */
    private static Parameters transportParameters(GrpcTlsConfig tls) {
        Parameters p = new Parameters();
        if (tls != null) {
            GrpcConfigKeys.TLS.setConf(p, tls);
        }
        return p;
    }

    private static RaftProperties serverProperties(NodeProperties node, ConsensusProperties c) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(new File(node.dataDir(), "raft")));
        GrpcConfigKeys.Server.setHost(p, HostPort.host(node.address()));
        GrpcConfigKeys.Server.setPort(p, HostPort.port(node.address()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(c.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(c.electionTimeoutMaxMs()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(c.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(c.electionTimeoutMaxMs()));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, c.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(1024, c.snapshotThreshold()));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, c.snapshotRetention());
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, c.snapshotThreshold()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.logSegmentSizeKb() + "KB"));
        RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, c.logPreservationEntries());
        // Durability first: every acknowledged entry is on disk on a majority.
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // Ratis can append a metadata entry carrying the commit index after commits; each is one
        // more log write and fsync on the write path. Raft does not need the commit index on disk:
        // a restarted node learns it from the leader.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // A leader whose appends to a follower keep failing backs off; Ratis's default reaches 5 s
        // between attempts after ~20 s of failures, so a follower restarted after a longer outage
        // waited up to 5 s before the leader noticed it. Back off to at most half a second instead.
        p.set(RaftServerConfigKeys.Log.Appender.RETRY_POLICY_KEY, "1ms,10, 100ms,20, 500ms,1000000");
        return p;
    }

    private static RaftProperties clientProperties(ConsensusProperties c) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(500, c.requestTimeoutMs() / 2)));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, Math.max(100, 2 * c.maxOutstandingBatches()));
        return p;
    }

    private static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<byte[]> sendBatch(byte[] batch) {
        RaftClient c = client;
        return c.async().send(Message.valueOf(ByteString.copyFrom(batch))).whenComplete((reply, e) -> {
            if (e != null && closed(e)) {
                renewClient(c);
            }
        }).thenApply(ConsensusNode::contentOf);
    }

    private static boolean closed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.ratis.protocol.exceptions.AlreadyClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ratis's ordered client gives up on a request once its retry policy is exhausted (a long
     * election, a partition) and then closes its sliding window: every later request fails at once
     * with "SlidingWindow ... is closed", for good. This node would never propose anything again
     * (seen in FaultIT: agent status reports stopped). So a closed client is replaced by a new one;
     * the request that failed is not resent (it may have been applied), its caller gets the failure.
     */
    private void renewClient(RaftClient broken) {
        synchronized (this) {
            if (client != broken || closing) {
                return;
            }
            client = clients.get();
        }
        log.warn("Raft client of {} was closed by Ratis (a request ran out of retries); using a new one", self);
        Thread closer = new Thread(() -> {
            try {
                broken.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing the old Raft client failed", e);
            }
        }, "cell0-client-closer");
        closer.setDaemon(true);
        closer.start();
    }

    private static byte[] contentOf(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new ConsensusUnavailableException("Raft refused the request: " + reply.getException(), reply.getException());
        }
        return reply.getMessage().getContent().toByteArray();
    }

    /** Proposes one command; it is batched with others that arrive at the same time. */
    public CompletableFuture<CommandResult> propose(Command command) {
        return batcher.submit(command);
    }

    /**
     * Completes once this replica has applied everything committed before the call (Raft read
     * index): reading local state afterwards is linearizable.
     */
    public CompletableFuture<Long> readBarrier() {
        return client.async().sendReadOnlyUnordered(READ_INDEX, self)
                .thenApply(reply -> ByteBuffer.wrap(contentOf(reply)).getLong());
    }

    /** Counts a read barrier that failed or timed out (see {@link LinkRefresher}). */
    public void readBarrierFailed() {
        failedReadBarriers.incrementAndGet();
    }

    public long failedReadBarriers() {
        return failedReadBarriers.get();
    }

    /** The leader this node follows; empty when it leads itself or knows no leader. */
    public java.util.Optional<String> followedLeader() {
        try {
            var info = server.getDivision(group.getGroupId()).getInfo();
            RaftPeerId leader = info.getLeaderId();
            return info.isLeader() || leader == null ? java.util.Optional.empty() : java.util.Optional.of(leader.toString());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Drops this server's gRPC connection to a peer (Ratis opens a new one on the next call).
     * Blocks while the old channel shuts down, up to a few seconds.
     */
    public void reconnect(String peerId) {
        server.getServerRpc().handleException(RaftPeerId.valueOf(peerId),
                new IOException("cell0: connection to " + peerId + " replaced after it went quiet"), true);
    }

    /** Reads the local replica. Without a {@link #readBarrier()} first, the answer may be stale. */
    public <T> T read(Function<ClusterState, T> reader) {
        return stateMachine.read(reader);
    }

    /** Reads the local replica together with what changed after {@code since} (for watches). */
    public <T> T readChanges(long since, CoordinatorStateMachine.ChangesReader<T> reader) {
        return stateMachine.readChanges(since, reader);
    }

    public String selfId() {
        return self.toString();
    }

    public NodeRole selfRole() {
        return topology.selfRole();
    }

    public String groupId() {
        return group.getGroupId().getUuid().toString();
    }

    public RaftStatus status() {
        try {
            var division = server.getDivision(group.getGroupId());
            DivisionInfo info = division.getInfo();
            RaftPeerId leader = info.getLeaderId();
            Membership m = membershipOf(division.getRaftConf());
            return new RaftStatus(info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT), info.getCurrentTerm(),
                    leader == null ? null : leader.toString(), division.getRaftLog().getLastCommittedIndex(),
                    info.getLastAppliedIndex(), m.voters(), m.listeners());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On the leader: each follower with the milliseconds since it last answered this leader's
     * appends. Empty on any other role.
     */
    public java.util.Map<String, Long> followerSilenceMillis() {
        try {
            var info = server.getDivision(group.getGroupId()).getInfo();
            if (!info.isLeader()) {
                return java.util.Map.of();
            }
            java.util.Map<String, Long> out = new java.util.TreeMap<>();
            for (var f : info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList()) {
                out.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A follower as the leader sees it: the last index it holds and ms since it last answered. */
    public record FollowerProgress(String id, long matchIndex, long silenceMs) {
    }

    /**
     * Raft as this node sees it, for health checks and metrics (read-only).
     *
     * @param lifeCycle       the Raft server's life-cycle state (NEW, STARTING, RUNNING, ..., CLOSED)
     * @param leaderContactMs on a follower or listener: ms since the leader's last append reached this
     *                        node; on a candidate: ms since it last had a leader; 0 on the leader
     * @param followers       on the leader: every follower and listener; empty on any other role
     */
    public record RaftIntrospection(String role, long term, String leaderId, long commitIndex, long appliedIndex,
                                    String lifeCycle, long leaderContactMs, List<FollowerProgress> followers,
                                    List<String> voters) {
    }

    public RaftIntrospection introspect() {
        String lifeCycle = server.getLifeCycleState().name();
        RaftServer.Division division;
        try {
            division = server.getDivision(group.getGroupId());
        } catch (IOException e) {
            // The group is not (or no longer) served here: nothing to report but the server's state.
            return new RaftIntrospection("none", 0, null, 0, 0, lifeCycle, -1, List.of(), List.of());
        }
        DivisionInfo info = division.getInfo();
        var roleInfo = info.getRoleInfoProto();
        long contact = -1;
        List<FollowerProgress> followers = List.of();
        if (roleInfo.hasFollowerInfo() && roleInfo.getFollowerInfo().hasLeaderInfo()) {
            contact = roleInfo.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        } else if (roleInfo.hasCandidateInfo()) {
            contact = roleInfo.getCandidateInfo().getLastLeaderElapsedTimeMs();
        } else if (roleInfo.hasLeaderInfo()) {
            contact = 0;
            // Ratis builds both lists from the same list of log appenders, in the same order; a
            // membership change between the two calls shows as different lengths, and then the
            // followers are left out of this one answer.
            var rpcs = roleInfo.getLeaderInfo().getFollowerInfoList();
            long[] match = info.getFollowerMatchIndices();
            if (match.length == rpcs.size()) {
                List<FollowerProgress> out = new ArrayList<>(rpcs.size());
                for (int i = 0; i < match.length; i++) {
                    out.add(new FollowerProgress(rpcs.get(i).getId().getId().toStringUtf8(), match[i],
                            rpcs.get(i).getLastRpcElapsedTimeMs()));
                }
                out.sort(java.util.Comparator.comparing(FollowerProgress::id));
                followers = List.copyOf(out);
            }
        }
        RaftPeerId leader = info.getLeaderId();
        List<String> voters = division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER).stream()
                .map(p -> p.getId().toString()).sorted().toList();
        return new RaftIntrospection(info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT), info.getCurrentTerm(),
                leader == null ? null : leader.toString(), division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(),
                lifeCycle, contact, followers, voters);
    }

    /** The Raft configuration as this node knows it: voter ids and listener (observer) ids, sorted. */
    public record Membership(List<String> voters, List<String> listeners) {
        public boolean contains(String id) {
            return voters.contains(id) || listeners.contains(id);
        }
    }

    public Membership membership() {
        try {
            return membershipOf(server.getDivision(group.getGroupId()).getRaftConf());
        } catch (IOException e) {
            throw new ConsensusUnavailableException("no Raft division: " + e.getMessage(), e);
        }
    }

    private static Membership membershipOf(org.apache.ratis.server.RaftConfiguration conf) {
        return new Membership(ids(conf.getCurrentPeers(RaftPeerRole.FOLLOWER)), ids(conf.getCurrentPeers(RaftPeerRole.LISTENER)));
    }

    private static List<String> ids(java.util.Collection<RaftPeer> peers) {
        return peers.stream().map(p -> p.getId().toString()).sorted().toList();
    }

    /**
     * Removes a node from the Raft configuration (voters and listeners), through the leader. Ratis
     * commits the new configuration like an entry: the remaining voters' majority decides from then on.
     */
    public void removeMember(String nodeId, long timeoutMs) throws IOException {
        var conf = server.getDivision(group.getGroupId()).getRaftConf();
        List<RaftPeer> voters = conf.getCurrentPeers(RaftPeerRole.FOLLOWER).stream().filter(p -> !p.getId().toString().equals(nodeId)).toList();
        List<RaftPeer> listeners = conf.getCurrentPeers(RaftPeerRole.LISTENER).stream().filter(p -> !p.getId().toString().equals(nodeId))
                .toList();
        if (voters.isEmpty()) {
            throw new IllegalStateException("node " + nodeId + " is the last voter; it cannot be removed");
        }
        RaftClientReply reply = client.admin().setConfiguration(voters, listeners);
        if (!reply.isSuccess()) {
            throw new IOException("Raft refused the new configuration without " + nodeId + ": " + reply.getException(), reply.getException());
        }
        log.info("Raft configuration without {}: voters {}, listeners {}", nodeId, ids(voters), ids(listeners));
    }

    /** Hands leadership to another voter ({@code to}), waiting up to {@code timeoutMs}. */
    public void transferLeadership(String to, long timeoutMs) throws IOException {
        RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(to), timeoutMs);
        if (!reply.isSuccess()) {
            throw new IOException("leadership transfer to " + to + " refused: " + reply.getException(), reply.getException());
        }
    }

    /**
     * Asks every voter except {@code skip} to take a snapshot now (and so purge its log up to it).
     * Used against Ratis 3.2.2's RATIS-2487: a follower whose next entry is exactly the first one left
     * in the leader's log gets no appends from that leader, and a new leader with the same log start
     * fails the same way; once the voters' logs start later, the next leader sends that follower a
     * snapshot instead. Failures are logged and skipped.
     */
    public void snapshotVoters(String skip, long timeoutMs) {
        for (String voter : membership().voters()) {
            if (voter.equals(skip)) {
                continue;
            }
            try {
                RaftClientReply reply = client.getSnapshotManagementApi(RaftPeerId.valueOf(voter)).create(true, timeoutMs);
                log.info("snapshot on {} to move its log start: {}", voter, reply.isSuccess() ? "taken" : reply.getException());
            } catch (IOException | RuntimeException e) {
                log.warn("snapshot on {} failed: {}", voter, e.toString());
            }
        }
    }

    /** Gives up leadership (an election follows). Completes when Ratis accepted the request. */
    public void stepDown(long timeoutMs) throws IOException {
        RaftClientReply reply = client.admin().transferLeadership(null, timeoutMs);
        if (!reply.isSuccess()) {
            throw new IOException("step down refused: " + reply.getException(), reply.getException());
        }
    }

    private volatile boolean closing;

    @Override
    public void close() throws IOException {
        closing = true;
        stateMachine.stopping();
        batcher.close();
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
