package io.cell0.coordinator.consensus;

import io.cell0.model.codec.CommandCodec;
import io.cell0.model.command.Command;
import io.cell0.model.command.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's batched commits: commands proposed on this node at about the same time travel to the
 * leader together and become one Raft log entry. One thread drains the queue; a batch closes when it
 * holds {@code maxCommands}, or when nothing more arrived within {@code lingerMicros}. While
 * {@code maxOutstanding} batches are in flight the next one keeps filling, so batches grow exactly
 * when the cluster is busy; the linger applies only while another batch is in flight, so a lone
 * client pays no delay at all.
 */
public final class CommandBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandBatcher.class);

    private record Pending(Command command, CompletableFuture<CommandResult> result) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<byte[], CompletableFuture<byte[]>> sender;
    private final int maxCommands;
    private final long lingerNanos;
    private final Semaphore inFlight;
    private final int maxOutstanding;
    private final Thread thread;
    private final BatchObserver observer;
    private volatile boolean closed;

    /** Told about every committed batch: how many commands it held and how long the round trip took. */
    public interface BatchObserver {
        BatchObserver NONE = (commands, nanos) -> { };

        void committed(int commands, long nanos);
    }

    /**
     * @param sender proposes one encoded batch and completes with the encoded results (or fails when
     *               the outcome is unknown)
     */
    public CommandBatcher(Function<byte[], CompletableFuture<byte[]>> sender, int maxCommands, int lingerMicros,
                          int maxOutstanding, String name, BatchObserver observer) {
        this.sender = sender;
        this.observer = observer;
        this.maxCommands = maxCommands;
        this.lingerNanos = TimeUnit.MICROSECONDS.toNanos(lingerMicros);
        this.maxOutstanding = maxOutstanding;
        this.inFlight = new Semaphore(maxOutstanding);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a command; the future completes with its result once the batch is committed and applied. */
    public CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new ConsensusUnavailableException("this node is shutting down"));
            return f;
        }
        queue.add(new Pending(command, f));
        return f;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxCommands);
        while (!closed) {
            try {
                batch.add(queue.take());
                inFlight.acquire();
                // Waiting for a free slot above already let the batch's company pile up in the queue.
                queue.drainTo(batch, maxCommands - batch.size());
                // Linger only while other batches are on their way: then the wait costs nothing a
                // client would notice, and a lone client never pays it.
                boolean othersInFlight = inFlight.availablePermits() < maxOutstanding - 1;
                if (batch.size() < maxCommands && lingerNanos > 0 && othersInFlight) {
                    Pending more = queue.poll(lingerNanos, TimeUnit.NANOSECONDS);
                    if (more != null) {
                        batch.add(more);
                        queue.drainTo(batch, maxCommands - batch.size());
                    }
                }
                send(List.copyOf(batch));
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failAll(batch);
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        failAll(rest);
    }

    private void send(List<Pending> batch) {
        List<Command> commands = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            commands.add(p.command());
        }
        CompletableFuture<byte[]> reply;
        long started = System.nanoTime();
        try {
            reply = sender.apply(CommandCodec.encodeBatch(commands));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((bytes, error) -> {
            inFlight.release();
            if (error != null) {
                for (Pending p : batch) {
                    p.result().completeExceptionally(error);
                }
                return;
            }
            observer.committed(batch.size(), System.nanoTime() - started);
            List<CommandResult> results = CommandCodec.decodeResults(bytes);
            if (results.size() != batch.size()) {
                IllegalStateException e = new IllegalStateException("batch of " + batch.size() + " got " + results.size() + " results");
                log.error("reply does not match its batch", e);
                batch.forEach(p -> p.result().completeExceptionally(e));
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        });
    }

    private static void failAll(List<Pending> pending) {
        for (Pending p : pending) {
            p.result().completeExceptionally(new ConsensusUnavailableException("this node is shutting down"));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
