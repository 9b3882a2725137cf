package io.cell0.coordinator.consensus;

import io.cell0.coordinator.core.ClusterState;
import io.cell0.coordinator.core.ClusterStateMachine;
import io.cell0.model.ClusterStateView;
import io.cell0.model.codec.CodecException;
import io.cell0.model.codec.CommandCodec;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis adapter: the only class that knows about terms, log entries, snapshots and locking. It
 * decodes each committed entry (a batch of commands) and hands the commands to the pure core.
 *
 * <p>Reads from the REST layer go through {@link #read}, which holds the read lock so they never see
 * half of a batch.
 */
public final class CoordinatorStateMachine extends BaseStateMachine {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorStateMachine.class);

    private final SnapshotStore snapshots;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AppliedIndexListener listener;
    private final ChangeJournal journal = new ChangeJournal(100_000);
    private ClusterState state = ClusterState.empty();
    private volatile RaftPeerId leaderId;
    private volatile boolean stopping;

    /** Told about every applied index, outside the lock; used to wake up watchers. */
    public interface AppliedIndexListener {
        void applied(long index);
    }

    public CoordinatorStateMachine(SnapshotStore snapshots, AppliedIndexListener listener) {
        this.snapshots = snapshots;
        this.listener = listener;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots.init(raftStorage);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        restoreLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /**
     * Ratis pauses the state machine before it installs a snapshot from the leader and checks that
     * it is PAUSED before calling {@link #reinitialize()}; the base class leaves the life cycle alone.
     */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        // A snapshot was installed from the leader: start over from it.
        getLifeCycle().transition(LifeCycle.State.STARTING);
        restoreLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
        log.info("state reloaded from a snapshot installed by the leader, now at {}", getLastAppliedTermIndex());
    }

    private void restoreLatestSnapshot() throws IOException {
        SnapshotStore.Loaded loaded = snapshots.loadLatest();
        lock.writeLock().lock();
        try {
            if (loaded == null) {
                state = ClusterState.empty();
                journal.reset(0);
                return;
            }
            state = ClusterState.restore(loaded.state());
            journal.reset(state.appliedIndex());
            setLastAppliedTermIndex(loaded.termIndex());
            log.info("restored state from snapshot at {} (applied index {}, epoch {})", loaded.termIndex(),
                    loaded.state().appliedIndex(), loaded.state().epoch());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots.storage();
    }

    /** Runs on the leader before the entry is appended: refuse bytes that are not a valid batch. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            // Kept on the transaction so the leader does not decode the same bytes again at apply.
            trx.setStateMachineContext(CommandCodec.decodeBatch(request.getMessage().getContent().toByteArray()));
        } catch (CodecException e) {
            trx.setException(e);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        List<Command> commands;
        try {
            commands = trx.getStateMachineContext() instanceof List<?> decoded ? castCommands(decoded)
                    : CommandCodec.decodeBatch(entry.getStateMachineLogEntry().getLogData().toByteArray());
        } catch (CodecException e) {
            // startTransaction refused such bytes on the leader, so this entry is corrupt on disk.
            // Every replica decodes the same bytes, so skipping keeps replicas identical.
            log.error("skipping undecodable log entry {}: {}", TermIndex.valueOf(term, index), e.getMessage());
            markApplied(term, index);
            return CompletableFuture.failedFuture(e);
        }
        List<CommandResult> results;
        lock.writeLock().lock();
        try {
            advanceEpoch(term, index);
            results = ClusterStateMachine.applyBatch(state, index, commands);
            journal.record(index, state.takeChanges());
            updateLastAppliedTermIndex(term, index);
        } finally {
            lock.writeLock().unlock();
        }
        listener.applied(index);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(CommandCodec.encodeResults(results))));
    }

    @SuppressWarnings("unchecked")
    private static List<Command> castCommands(List<?> decoded) {
        return (List<Command>) decoded;
    }

    /** Configuration and no-op entries: a new leader's first entry of its term lands here. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        markApplied(term, index);
        listener.applied(index);
    }

    private void markApplied(long term, long index) {
        lock.writeLock().lock();
        try {
            advanceEpoch(term, index);
            updateLastAppliedTermIndex(term, index);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advanceEpoch(long term, long index) {
        if (term > state.lastTerm()) {
            ClusterStateMachine.onLeaderTermCommitted(state, index, term);
        }
    }

    /** Linearizable reads: answered after Ratis's read index has been applied here. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(
                ByteBuffer.allocate(Long.BYTES).putLong(0, getLastAppliedTermIndex().getIndex()))));
    }

    @Override
    public long takeSnapshot() throws IOException {
        ClusterStateView view;
        TermIndex at;
        lock.readLock().lock();
        try {
            view = state.view();
            at = getLastAppliedTermIndex();
        } finally {
            lock.readLock().unlock();
        }
        return snapshots.write(view, at);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        this.leaderId = newLeaderId;
    }

    /** Called before an orderly shutdown; any other close means the Raft server died. */
    void stopping() {
        stopping = true;
    }

    /**
     * Ratis closes the state machine when its server stops. Outside an orderly shutdown that means
     * the server died (for instance an exception while applying): a process that keeps answering
     * REST calls without a Raft server would only look healthy. Exit instead, so a supervisor
     * (systemd, Kubernetes, ./cell0 start) restarts the node, which then recovers from its log.
     */
    @Override
    public void close() throws IOException {
        RaftPeerId self = getId();
        super.close();
        if (!stopping) {
            if (self != null && hasLeft(self.toString())) {
                // Ratis closes the division of a member removed from the configuration: a finished leave.
                log.warn("node {} left the cluster and Ratis closed its Raft division after the removal; exiting", self);
                Thread exit = new Thread(() -> System.exit(0), "cell0-left-exit");
                exit.start();
                return;
            }
            log.error("the Raft server stopped unexpectedly; exiting so the node can be restarted and recover");
            Runtime.getRuntime().halt(70);
        }
    }

    private boolean hasLeft(String self) {
        lock.readLock().lock();
        try {
            return state.node(self).map(n -> n.status() == io.cell0.model.NodeStatus.LEFT).orElse(false);
        } finally {
            lock.readLock().unlock();
        }
    }

    public RaftPeerId leaderId() {
        return leaderId;
    }

    /** What a watcher needs: the state, and which parts of it changed after some index. */
    public interface ChangesReader<T> {
        T read(ClusterState state, ChangeJournal.Since changed);
    }

    /** Runs {@code reader} under the read lock with the changes after {@code since}; see {@link ChangeJournal}. */
    public <T> T readChanges(long since, ChangesReader<T> reader) {
        lock.readLock().lock();
        try {
            return reader.read(state, journal.since(since));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code reader} against the current state under the read lock. Keep it short. */
    public <T> T read(Function<ClusterState, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }
}
