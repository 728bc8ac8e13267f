package dev.quell.shard;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Outcome;
import dev.quell.store.OpenState;
import dev.quell.store.ShardStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The single writer of a shard. Events wait in a bounded queue; one thread drains it in batches, runs each
 * event through the engine, commits the whole batch in one transaction (group commit), and only then
 * completes the batch's futures. A full queue refuses at once rather than growing.
 */
public final class ShardWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardWriter.class);

    private final ShardStore store;
    private final Engine engine;
    private final LongSupplier clock;
    private final int maxBatch;
    private final BlockingQueue<Submission> queue;
    private final Thread thread;
    private EngineState state;
    private volatile boolean accepting = true;

    private record Submission(AlertEvent event, CompletableFuture<Outcome> done) {
    }

    public ShardWriter(ShardStore store, Engine engine, LongSupplier clock, int queueCapacity, int maxBatch) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.state = restoreState();
        this.thread = new Thread(this::run, "quell-shard-writer");
    }

    public ShardWriter start() {
        thread.start();
        return this;
    }

    /** Rebuilt from the store: the engine's picture after a restart is the one last committed. */
    private EngineState restoreState() {
        OpenState open = store.loadOpenState(clock.getAsLong() - engine.recoveryMemorySeconds());
        return EngineState.restore(open.activeAlerts(), open.openIncidents(), open.recentlyRecovered());
    }

    /** Completes once the event's batch is durable; fails at once with {@link Rejected} when it cannot queue. */
    public CompletableFuture<Outcome> submit(AlertEvent event) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (!accepting) {
            done.completeExceptionally(new Rejected(Rejected.Reason.SHUTTING_DOWN));
        } else if (!queue.offer(new Submission(event, done))) {
            done.completeExceptionally(new Rejected(Rejected.Reason.QUEUE_FULL));
        }
        return done;
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Submission> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("shard writer failed a batch of {} events", batch.size(), e);
                batch.forEach(s -> s.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Submission> batch) {
        long now = clock.getAsLong();
        ChangeSet changes = new ChangeSet();
        Outcome[] outcomes = new Outcome[batch.size()];
        RuntimeException[] failures = new RuntimeException[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            try {
                outcomes[i] = engine.apply(state, batch.get(i).event(), now);
                changes.add(outcomes[i]);
            } catch (RuntimeException e) {
                log.error("engine failed on an event of integration {}", batch.get(i).event().integrationId(), e);
                failures[i] = e;
            }
        }
        try {
            store.commit(changes);
        } catch (RuntimeException e) {
            log.error("commit failed; {} events answered with an error and the state reloaded", batch.size(), e);
            try {
                state = restoreState();
            } finally {
                batch.forEach(s -> s.done().completeExceptionally(e));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] != null) {
                batch.get(i).done().completeExceptionally(failures[i]);
            } else {
                batch.get(i).done().complete(outcomes[i]);
            }
        }
    }

    /** Stops taking events, commits and answers everything already queued, then returns. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Submission leftover;
        while ((leftover = queue.poll()) != null) {
            leftover.done().completeExceptionally(new Rejected(Rejected.Reason.SHUTTING_DOWN));
        }
    }
}
