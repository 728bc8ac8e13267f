package dev.quell.shard;

import dev.quell.engine.ActionOutcome;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.Engine;
import dev.quell.engine.Incident;
import dev.quell.engine.IncidentAction;
import dev.quell.engine.Labels;
import dev.quell.engine.Progress;
import dev.quell.engine.Severity;
import dev.quell.engine.TimelineEntry;
import dev.quell.http.QuellServer;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Time-driven changes are made by the writer itself, committed, and survive a restart. */
class SnoozeTimerTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void anExpiredSnoozeWakesTheIncidentThroughTheWriterEvenAfterARestart(@TempDir Path data) throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        String incidentId;
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            incidentId = writer.submit(new AlertEvent(1, 1, "k", Severity.Critical, "t", "t", "",
                    Labels.sorted(Map.of()), List.of(), T0)).get(5, TimeUnit.SECONDS).incident().incidentId();
            ActionOutcome snoozed = writer.submit(new IncidentAction(IncidentAction.Kind.SNOOZE, List.of(incidentId),
                    "api", Map.of("minutes", "1"))).get(5, TimeUnit.SECONDS);
            assertThat(snoozed.incidents().get(0).snoozedBefore()).isEqualTo(T0 + 60);
        }

        clock.set(T0 + 61);
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Incident incident = store.incident(incidentId).orElseThrow();
                assertThat(incident.snoozedBefore()).isZero();
                assertThat(incident.progress()).isEqualTo(Progress.Triggered);
            });
            assertThat(store.incidentTimeline(incidentId)).extracting(TimelineEntry::type)
                    .containsExactly("i_snooze", "i_wake");
            assertThat(writer.queued()).isZero();
        }
    }
}
