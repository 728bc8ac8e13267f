package dev.quell.shard;

import dev.quell.engine.ActionOutcome;
import dev.quell.engine.ActionRefused;
import dev.quell.engine.Alert;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.AlertMerge;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.ChannelRules;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Incident;
import dev.quell.engine.IncidentAction;
import dev.quell.engine.IncidentMerge;
import dev.quell.engine.Input;
import dev.quell.engine.ManualIncident;
import dev.quell.engine.Outcome;
import dev.quell.engine.Setting;
import dev.quell.engine.UnknownAlert;
import dev.quell.engine.UnknownIncident;
import dev.quell.store.OpenState;
import dev.quell.store.ShardStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The single writer of a shard. Events wait in a bounded queue; one thread drains it in batches, runs each
 * event through the engine, commits the whole batch in one transaction (group commit), and only then
 * completes the batch's futures; when the store's commits need a sync to survive power loss, only after that sync,
 * which another thread runs while the writer goes on. A full queue refuses at once rather than growing.
 */
public final class ShardWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardWriter.class);

    private final ShardStore store;
    private final Engine engine;
    private final LongSupplier clock;
    private final int maxBatch;
    private final BlockingQueue<Submission> queue;
    private final Thread thread;
    /** Answers batches after the store's sync, when its commits need one; else null and batches are answered at once. */
    private final SyncedAnswers syncedAnswers;
    private final WriterMetrics metrics = new WriterMetrics();
    private EngineState state;
    private volatile boolean accepting = true;
    private long nextTimeCheck;

    /** An input and the future its sender waits on: completed with an {@link Outcome} or an {@link ActionOutcome}. */
    private record Submission(Input input, CompletableFuture<Object> done) {
    }

    public ShardWriter(ShardStore store, Engine engine, LongSupplier clock, int queueCapacity, int maxBatch) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.state = restoreState();
        this.thread = new Thread(this::run, "quell-shard-writer");
        this.syncedAnswers = store.commitsNeedSync() ? new SyncedAnswers() : null;
    }

    public ShardWriter start() {
        if (syncedAnswers != null) {
            syncedAnswers.thread.start();
        }
        thread.start();
        return this;
    }

    /** Rebuilt from the store: the engine's picture after a restart is the one last committed. */
    private EngineState restoreState() {
        OpenState open = store.loadOpenState(clock.getAsLong() - engine.recoveryMemorySeconds());
        EngineState restored = EngineState.restore(open.activeAlerts(), open.openIncidents(),
                open.recentlyRecovered(), open.channels(), open.openingEvents());
        open.rules().stream().map(ChannelRule::channelId).distinct()
                .forEach(channelId -> engine.applySetting(restored, ChannelRules.of(channelId, open.rules())));
        open.pipelines().forEach(pipeline -> engine.applySetting(restored, pipeline));
        open.enrichments().forEach(enrichment -> engine.applySetting(restored, enrichment));
        open.mappingTables().forEach(table -> engine.applySetting(restored, table));
        return restored;
    }

    public WriterMetrics metrics() {
        return metrics;
    }

    /** Completes once the event's batch is durable; fails at once with {@link Rejected} when it cannot queue. */
    public CompletableFuture<Outcome> submit(AlertEvent event) {
        return enqueue(event);
    }

    /**
     * Completes once the action is durable, or fails with {@link UnknownIncident} (nothing changed) or
     * {@link Rejected}.
     */
    public CompletableFuture<ActionOutcome> submit(IncidentAction action) {
        return enqueue(action);
    }

    /** Completes once the merge is durable, or fails with {@link UnknownIncident} or {@link ActionRefused}. */
    public CompletableFuture<ActionOutcome> submit(IncidentMerge merge) {
        return enqueue(merge);
    }

    /**
     * Completes once the moved alerts are durable, or fails with {@link UnknownIncident}, {@link UnknownAlert} or
     * {@link ActionRefused}.
     */
    public CompletableFuture<ActionOutcome> submit(AlertMerge merge) {
        return enqueue(merge);
    }

    /** A setting (already stored); completes once the engine uses it. */
    public <S extends Setting> CompletableFuture<S> submit(S setting) {
        return enqueue(setting);
    }

    /** Completes with the new incident once it is durable. */
    public CompletableFuture<ActionOutcome> submit(ManualIncident manual) {
        return enqueue(manual);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> enqueue(Input input) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (!accepting) {
            done.completeExceptionally(new Rejected(Rejected.Reason.SHUTTING_DOWN));
        } else if (!queue.offer(new Submission(input, done))) {
            done.completeExceptionally(new Rejected(Rejected.Reason.QUEUE_FULL));
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) done;
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Submission> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            try {
                passTime();
                Submission first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (syncedAnswers != null) {
                    syncedAnswers.fillWhileSyncing(batch);
                }
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

    /**
     * Applies a batch in order and commits it. Events accumulate into one transaction; an action first commits what
     * came before it, so that the incidents it looks up in the store (closed ones, for a reopen) are current.
     */
    private void process(List<Submission> batch) {
        long now = clock.getAsLong();
        Pending pending = new Pending();
        for (Submission submission : batch) {
            if (submission.input() instanceof AlertEvent event) {
                try {
                    Outcome outcome = engine.apply(state, event, now);
                    metrics.count(outcome);
                    pending.changes.countEvent(event.integrationId(), now);
                    pending.add(submission, outcome);
                } catch (RuntimeException e) {
                    log.error("engine failed on an event of integration {}", event.integrationId(), e);
                    submission.done().completeExceptionally(e);
                }
            } else if (submission.input() instanceof Setting setting) {
                engine.applySetting(state, setting);
                submission.done().complete(setting);
            } else if (submission.input() instanceof ManualIncident manual) {
                pending.add(submission, engine.create(state, manual, now));
            } else if (submission.input() instanceof IncidentMerge merge) {
                pending = commitThenAct(pending, submission,
                        () -> engine.merge(state, merge, notOpen(merge.namedIds()), now));
            } else if (submission.input() instanceof IncidentAction action) {
                pending = commitThenAct(pending, submission,
                        () -> engine.act(state, action, notOpen(action.incidentIds()), now));
            } else if (submission.input() instanceof AlertMerge merge) {
                pending = commitThenAct(pending, submission, () -> {
                    Map<String, Alert> stored = store.storedAlerts(state.inactiveAlertIds(merge.alertIds()));
                    List<String> incidents = new ArrayList<>(stored.values().stream().map(Alert::incidentId).toList());
                    incidents.add(merge.incidentId());
                    return engine.mergeAlerts(state, merge, stored, notOpen(incidents), now);
                });
            }
        }
        commitAndAnswer(pending);
    }

    /**
     * An action on named incidents or alerts: what came before it is committed first, so the closed incidents and
     * recovered alerts it looks up in the store are current. Returns the pending inputs that now follow it.
     */
    private Pending commitThenAct(Pending before, Submission submission, Supplier<ActionOutcome> action) {
        commitAndAnswer(before);
        Pending after = new Pending();
        try {
            after.add(submission, action.get());
        } catch (UnknownIncident | UnknownAlert | ActionRefused e) {
            submission.done().completeExceptionally(e);
        } catch (RuntimeException e) {
            log.error("engine failed on {}", submission.input(), e);
            submission.done().completeExceptionally(e);
        }
        return after;
    }

    /** The named incidents that are not open, as last committed. */
    private Map<String, Incident> notOpen(List<String> incidentIds) {
        return store.incidentsById(incidentIds.stream().filter(id -> state.openIncident(id) == null).toList());
    }

    /** Inputs applied since the last commit, their results, and the changes to commit for them. */
    private static final class Pending {
        final ChangeSet changes = new ChangeSet();
        final List<Submission> submissions = new ArrayList<>();
        final List<Object> results = new ArrayList<>();

        void add(Submission submission, Outcome outcome) {
            changes.add(outcome);
            answerLater(submission, outcome);
        }

        void add(Submission submission, ActionOutcome outcome) {
            changes.add(outcome);
            answerLater(submission, outcome);
        }

        private void answerLater(Submission submission, Object result) {
            submissions.add(submission);
            results.add(result);
        }

        void answer() {
            for (int i = 0; i < submissions.size(); i++) {
                submissions.get(i).done().complete(results.get(i));
            }
        }

        void fail(Throwable cause) {
            submissions.forEach(s -> s.done().completeExceptionally(cause));
        }
    }

    /**
     * Answers committed batches once a sync that began after their commit has returned, for a store whose commits need
     * one to survive power loss ({@link ShardStore#commitsNeedSync}). It runs on a thread of its own, so the writer
     * applies and commits the next batch while the disk takes the last one, and one sync covers every batch committed
     * while the previous sync ran.
     */
    private final class SyncedAnswers {
        /** How long the writer waits at a time for more inputs or the end of a sync while it fills a batch. */
        static final long FILL_WAIT_NANOS = 200_000;

        final BlockingQueue<Pending> committed = new LinkedBlockingQueue<>();
        final Thread thread = new Thread(this::run, "quell-shard-sync");
        volatile boolean open = true;
        /** Inputs committed but not yet answered: the batches being synced or waiting for it. */
        final AtomicInteger unanswered = new AtomicInteger();
        /** The writer while it waits in {@link #fillWhileSyncing}, woken when a sync ends. */
        volatile Thread waitingWriter;

        void add(Pending pending) {
            unanswered.addAndGet(pending.submissions.size());
            committed.add(pending);
        }

        /**
         * Lets the batch grow to the size of what is being synced before it is applied and committed, waiting for more
         * inputs as long as a sync runs. Without this the writer, no longer held by the disk, committed a small batch
         * after each sync began: push-load's batches fell from about 26 events to 11, and each commit wrote its pages
         * again. A batch at least as large as the one in the sync keeps the overlap where inputs wait (new alerts,
         * slow commits) and the batch size where they do not.
         */
        void fillWhileSyncing(List<Submission> batch) {
            waitingWriter = Thread.currentThread();
            try {
                while (batch.size() < maxBatch && batch.size() < unanswered.get() && thread.isAlive()) {
                    LockSupport.parkNanos(this, FILL_WAIT_NANOS);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
            } finally {
                waitingWriter = null;
            }
        }

        private void answered(List<Pending> round) {
            int inputs = 0;
            for (Pending pending : round) {
                inputs += pending.submissions.size();
            }
            unanswered.addAndGet(-inputs);
            Thread writer = waitingWriter;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }

        private void run() {
            List<Pending> round = new ArrayList<>();
            while (open || !committed.isEmpty()) {
                try {
                    Pending first = committed.poll(50, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    round.add(first);
                    committed.drainTo(round);
                    store.syncCommitted();
                    round.forEach(Pending::answer);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    log.error("sync of {} committed batches failed; their inputs are answered with an error",
                            round.size(), e);
                    round.forEach(pending -> pending.fail(e));
                } finally {
                    answered(round);
                    round.clear();
                }
            }
        }

        /** Syncs and answers what is committed, then stops; called once the writer has stopped committing. */
        void close() {
            open = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Pending unanswered;
            while ((unanswered = committed.poll()) != null) {
                unanswered.fail(new Rejected(Rejected.Reason.SHUTTING_DOWN));
            }
        }
    }

    private void commitAndAnswer(Pending pending) {
        if (pending.submissions.isEmpty()) {
            return;
        }
        try {
            store.commit(pending.changes);
        } catch (RuntimeException e) {
            log.error("commit failed; {} inputs answered with an error and the state reloaded",
                    pending.submissions.size(), e);
            try {
                state = restoreState();
            } finally {
                pending.fail(e);
            }
            return;
        }
        if (syncedAnswers != null) {
            syncedAnswers.add(pending);
        } else {
            pending.answer();
        }
    }

    /**
     * Once a second, the changes time alone makes (snoozes running out, incidents past their auto-resolve
     * timeout), applied and committed here so they are ordered with events and actions like any other input.
     */
    private void passTime() {
        long now = clock.getAsLong();
        if (now < nextTimeCheck) {
            return;
        }
        nextTimeCheck = now + 1;
        ActionOutcome outcome = engine.passTime(state, now);
        if (outcome.incidents().isEmpty()) {
            return;
        }
        ChangeSet changes = new ChangeSet();
        changes.add(outcome);
        try {
            // Answered to no one, so not synced here: the next batch's sync covers it, and after a power loss the
            // time that made it passes again.
            store.commit(changes);
        } catch (RuntimeException e) {
            log.error("commit of timed changes failed; the state is reloaded and they are retried", e);
            state = restoreState();
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
        if (syncedAnswers != null) {
            syncedAnswers.close();
        }
        Submission leftover;
        while ((leftover = queue.poll()) != null) {
            leftover.done().completeExceptionally(new Rejected(Rejected.Reason.SHUTTING_DOWN));
        }
    }
}
