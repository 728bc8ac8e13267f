package dev.quell.store.sqlite;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.Engine;
import dev.quell.engine.IncidentAction;
import dev.quell.engine.Labels;
import dev.quell.engine.Outcome;
import dev.quell.engine.Progress;
import dev.quell.engine.Severity;
import dev.quell.http.QuellServer;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.store.IncidentOverview;
import dev.quell.store.IncidentQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The reads behind the console's incidents page: counts per severity with the page, and the hourly tallies. */
class ConsoleReadsTest {
    private static final long HOUR = 3600;
    /** The start of an hour. */
    private static final long T0 = 1_700_000_000L / HOUR * HOUR;

    private final AtomicLong clock = new AtomicLong(T0);

    private static AlertEvent event(String key, Severity status) {
        return new AlertEvent(1, 5, key, status, "title " + key, "title " + key, "", Labels.sorted(Map.of()),
                List.of(), T0);
    }

    private static IncidentQuery query(Set<Progress> progress, Set<Severity> severities) {
        return new IncidentQuery(T0 - HOUR, T0 + 10 * HOUR, false, progress, severities, null, null, null, null, null,
                1, 2);
    }

    @Test
    void theOverviewCountsEverySeverityUnderTheOtherFiltersAndPagesTheSelectedOnes(@TempDir Path data)
            throws Exception {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            for (String key : List.of("c1", "c2", "c3")) {
                writer.submit(event(key, Severity.Critical)).get(5, TimeUnit.SECONDS);
            }
            Outcome warning = writer.submit(event("w1", Severity.Warning)).get(5, TimeUnit.SECONDS);
            writer.submit(event("w2", Severity.Warning)).get(5, TimeUnit.SECONDS);
            writer.submit(new IncidentAction(IncidentAction.Kind.RESOLVE, List.of(warning.incident().incidentId()),
                    "test", Map.of())).get(5, TimeUnit.SECONDS);

            IncidentOverview open = store.incidentOverview(query(EnumSet.of(Progress.Triggered, Progress.Processing),
                    EnumSet.of(Severity.Critical)));
            assertThat(open.countsBySeverity()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(Severity.Critical, 3L, Severity.Warning, 1L));
            assertThat(open.page().total()).isEqualTo(3);
            assertThat(open.page().items()).hasSize(2).allMatch(i -> i.severity() == Severity.Critical);
            assertThat(open.page().hasNextPage()).isTrue();

            IncidentOverview all = store.incidentOverview(query(EnumSet.noneOf(Progress.class),
                    EnumSet.noneOf(Severity.class)));
            assertThat(all.countsBySeverity()).containsEntry(Severity.Warning, 2L);
            assertThat(all.page().total()).isEqualTo(5);

            IncidentOverview none = store.incidentOverview(query(EnumSet.noneOf(Progress.class),
                    EnumSet.of(Severity.Info)));
            assertThat(none.page().items()).isEmpty();
            assertThat(none.page().total()).isZero();
            assertThat(none.page().hasNextPage()).isFalse();

            IncidentOverview closed = store.incidentOverview(query(EnumSet.of(Progress.Closed),
                    EnumSet.noneOf(Severity.class)));
            assertThat(closed.page().items()).extracting(i -> i.incidentId())
                    .containsExactly(warning.incident().incidentId());
        }
    }

    @Test
    void eventsAndOpenedIncidentsAreTalliedByTheHourTheyArrived(@TempDir Path data) throws Exception {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            writer.submit(event("a", Severity.Warning)).get(5, TimeUnit.SECONDS);
            writer.submit(event("a", Severity.Warning)).get(5, TimeUnit.SECONDS);
            clock.set(T0 + 2 * HOUR + 5);
            writer.submit(event("b", Severity.Warning)).get(5, TimeUnit.SECONDS);
            writer.submit(event("a", Severity.Ok)).get(5, TimeUnit.SECONDS);
            writer.submit(event("never-opened", Severity.Ok)).get(5, TimeUnit.SECONDS);

            long fromHour = T0 / HOUR - 1;
            assertThat(store.eventsPerHour(fromHour, 4)).containsExactly(0, 2, 0, 3);
            assertThat(store.incidentsPerHour(fromHour, 4)).containsExactly(0, 1, 0, 1);
        }
    }
}
