package dev.quell.shard;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Engine;
import dev.quell.engine.Labels;
import dev.quell.engine.Outcome;
import dev.quell.engine.Severity;
import dev.quell.store.OpenState;
import dev.quell.store.ShardStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardWriterTest {
    private static final long NOW = 1_700_000_000L;

    /** A store whose commits can be held back or made to fail, and that remembers what it committed. */
    private static final class ControlledStore implements ShardStore {
        final CountDownLatch commitsMayProceed = new CountDownLatch(1);
        final List<ChangeSet> committed = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresToInject = new AtomicInteger();
        final AtomicInteger loads = new AtomicInteger();
        final CountDownLatch commitStarted = new CountDownLatch(1);
        /** When set, commits need a sync, as SQLite's do when every commit must survive power loss. */
        volatile boolean needsSync;
        final CountDownLatch syncsMayProceed = new CountDownLatch(1);
        final CountDownLatch syncStarted = new CountDownLatch(1);
        final AtomicInteger syncFailuresToInject = new AtomicInteger();
        /** How many batches had been committed when each sync began. */
        final List<Integer> committedAtSync = new CopyOnWriteArrayList<>();

        @Override
        public OpenState loadOpenState(long recoveredSince) {
            loads.incrementAndGet();
            return new OpenState(List.of(), List.of(), List.of(), List.of(), java.util.Map.of(), List.of(), List.of(), List.of(), List.of());
        }

        @Override
        public java.util.Map<String, dev.quell.engine.Incident> incidentsById(java.util.Collection<String> ids) {
            return java.util.Map.of();
        }

        @Override
        public java.util.Map<String, dev.quell.engine.Alert> storedAlerts(java.util.Collection<String> ids) {
            return java.util.Map.of();
        }

        @Override
        public void commit(ChangeSet changes) {
            commitStarted.countDown();
            holdThenMaybeFail(commitsMayProceed, failuresToInject, "disk on fire");
            committed.add(changes);
        }

        @Override
        public boolean commitsNeedSync() {
            return needsSync;
        }

        @Override
        public void syncCommitted() {
            committedAtSync.add(committed.size());
            syncStarted.countDown();
            holdThenMaybeFail(syncsMayProceed, syncFailuresToInject, "sync refused");
        }

        /** Waits until {@code mayProceed} opens, then fails with {@code message} while {@code failures} lasts. */
        private static void holdThenMaybeFail(CountDownLatch mayProceed, AtomicInteger failures, String message) {
            try {
                mayProceed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException(message);
            }
        }
    }

    private final ControlledStore store = new ControlledStore();
    private ShardWriter writer;

    @AfterEach
    void tearDown() {
        store.commitsMayProceed.countDown();
        store.syncsMayProceed.countDown();
        if (writer != null) {
            writer.close();
        }
    }

    private static AlertEvent trigger(String key) {
        return new AlertEvent(1, 1, key, Severity.Warning, "t", "t", "", Labels.sorted(Map.of()), List.of(), NOW);
    }

    private ShardWriter start(int capacity, int maxBatch) {
        writer = new ShardWriter(store, new Engine(new ObjectIds()), () -> NOW, capacity, maxBatch).start();
        return writer;
    }

    @Test
    void anEventIsAcknowledgedOnlyAfterItsBatchIsCommitted() throws Exception {
        start(100, 10);

        CompletableFuture<Outcome> done = writer.submit(trigger("a"));
        assertThat(store.commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(done).as("not complete while the commit is held").isNotDone();

        store.commitsMayProceed.countDown();
        assertThat(done.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(store.committed).hasSize(1);
    }

    @Test
    void eventsWaitingTogetherAreCommittedInOneBatch() throws Exception {
        start(100, 50);
        CompletableFuture<Outcome> first = writer.submit(trigger("first"));
        assertThat(store.commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Outcome>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(writer.submit(trigger("k" + i)));
        }

        store.commitsMayProceed.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(store.committed).hasSize(2);
        assertThat(store.committed.get(1).alerts()).hasSize(20);
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfGrowing() throws Exception {
        start(5, 1);
        writer.submit(trigger("in-commit"));
        assertThat(store.commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(writer.submit(trigger("queued" + i))).isNotDone();
        }

        CompletableFuture<Outcome> overflow = writer.submit(trigger("one-too-many"));

        assertThat(overflow).isCompletedExceptionally();
        assertThatThrownBy(overflow::get).hasCauseInstanceOf(Rejected.class)
                .cause().extracting(e -> ((Rejected) e).reason()).isEqualTo(Rejected.Reason.QUEUE_FULL);
    }

    @Test
    void aFailedCommitFailsItsBatchAndRebuildsTheStateFromTheStore() throws Exception {
        store.failuresToInject.set(1);
        store.commitsMayProceed.countDown();
        start(100, 10);
        int loadsAtStart = store.loads.get();

        CompletableFuture<Outcome> failed = writer.submit(trigger("a"));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("disk on fire");
        assertThat(store.loads.get()).isEqualTo(loadsAtStart + 1);

        Outcome retried = writer.submit(trigger("a")).get(5, TimeUnit.SECONDS);
        assertThat(retried.kind()).as("the lost alert is opened again, not updated").isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void whenCommitsNeedASyncAnEventIsAnsweredAfterTheSyncAndTheNextBatchCommitsMeanwhile() throws Exception {
        store.needsSync = true;
        store.commitsMayProceed.countDown();
        start(100, 10);

        CompletableFuture<Outcome> first = writer.submit(trigger("first"));
        assertThat(store.syncStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(store.committedAtSync).containsExactly(1);
        CompletableFuture<Outcome> second = writer.submit(trigger("second"));
        awaitCommitted(2);
        assertThat(first).as("committed, but its sync has not returned").isNotDone();
        assertThat(second).isNotDone();

        store.syncsMayProceed.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(second.get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(store.committedAtSync).as("the second batch is answered after a sync begun after its commit")
                .containsExactly(1, 2);
    }

    @Test
    void whileASyncRunsTheNextBatchWaitsToBeAsLargeAsWhatIsBeingSynced() throws Exception {
        store.needsSync = true;
        start(100, 50);
        List<CompletableFuture<Outcome>> all = new ArrayList<>();
        all.add(writer.submit(trigger("held")));
        assertThat(store.commitStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            all.add(writer.submit(trigger("five-" + i)));
        }
        store.commitsMayProceed.countDown();
        awaitCommitted(2);
        assertThat(store.committed.get(1).alerts()).hasSize(5);

        all.add(writer.submit(trigger("small-0")));
        all.add(writer.submit(trigger("small-1")));
        Thread.sleep(300);
        assertThat(store.committed).as("two inputs wait while six are being synced").hasSize(2);

        for (int i = 2; i < 6; i++) {
            all.add(writer.submit(trigger("small-" + i)));
        }
        awaitCommitted(3);
        assertThat(store.committed.get(2).alerts()).as("committed at six, the sync still running").hasSize(6);

        all.add(writer.submit(trigger("after")));
        store.syncsMayProceed.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        awaitCommitted(4);
        assertThat(store.committed.get(3).alerts()).as("once the sync ends, whatever waits").hasSize(1);
    }

    @Test
    void aFailedSyncFailsTheBatchesItCoveredAndTheWriterGoesOn() throws Exception {
        store.needsSync = true;
        store.syncFailuresToInject.set(1);
        store.commitsMayProceed.countDown();
        store.syncsMayProceed.countDown();
        start(100, 10);

        CompletableFuture<Outcome> failed = writer.submit(trigger("a"));
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("sync refused");

        assertThat(writer.submit(trigger("b")).get(5, TimeUnit.SECONDS).kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void closeSyncsAndAnswersEverythingCommittedWhenCommitsNeedASync() throws Exception {
        store.needsSync = true;
        start(100, 5);
        List<CompletableFuture<Outcome>> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queued.add(writer.submit(trigger("k" + i)));
        }
        store.commitsMayProceed.countDown();
        store.syncsMayProceed.countDown();

        writer.close();

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(store.committedAtSync).isNotEmpty().last().isEqualTo(store.committed.size());
    }

    private void awaitCommitted(int batches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.committed.size() < batches && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(store.committed).hasSize(batches);
    }

    @Test
    void closeCommitsAndAnswersEverythingAlreadyQueued() throws Exception {
        start(100, 5);
        List<CompletableFuture<Outcome>> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queued.add(writer.submit(trigger("k" + i)));
        }
        store.commitsMayProceed.countDown();

        writer.close();

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(store.committed.stream().mapToInt(c -> c.alerts().size()).sum()).isEqualTo(40);
        assertThat(writer.submit(trigger("late"))).isCompletedExceptionally();
    }
}
