package dev.quell.store.sqlite;

import dev.quell.engine.ActionOutcome;
import dev.quell.engine.Alert;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupMethod;
import dev.quell.engine.Grouping;
import dev.quell.engine.Incident;
import dev.quell.engine.IncidentAction;
import dev.quell.engine.Labels;
import dev.quell.engine.Outcome;
import dev.quell.engine.Severity;
import dev.quell.http.QuellServer;
import dev.quell.shard.ObjectIds;
import dev.quell.store.AlertView;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store gives back is what the engine decided: alerts and incidents read after random traffic (repeats
 * with and without new labels, severity changes, late events, recoveries, joins by grouping, acknowledgements and
 * resolutions, committed in batches of random sizes) equal the engine's latest versions of them, column for column.
 * A repeat writes only an alert's and incident's tallies, so this is what shows that nothing else moved.
 */
class StoreRoundTripTest {
    private static final long T0 = 1_700_000_000L;
    private static final List<String> KEYS = List.of("db-1", "db-2", "db-3", "web-1", "web-2", "web-3", "mq-1");
    private static final List<String> RESOURCES = List.of("db", "web");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void alertsAndIncidentsReadBackAsTheEngineLeftThem(long seed, @TempDir Path data) {
        SplittableRandom random = new SplittableRandom(seed);
        Engine engine = new Engine(new ObjectIds());
        EngineState state = new EngineState();
        Map<String, Alert> alerts = new HashMap<>();
        Map<String, Incident> incidents = new HashMap<>();
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            Channel channel = store.createChannel(new Channel(0, "round-trip", "", Channel.ENABLED, 0,
                    Channel.AutoResolveMode.trigger, false, groupingFor(seed), new Flapping(Flapping.Mode.off,
                    Flapping.DEFAULT_MAX_CHANGES, Flapping.DEFAULT_IN_MINUTES, Flapping.DEFAULT_MUTE_MINUTES),
                    T0, T0));
            engine.applySetting(state, channel);
            long now = T0;
            ChangeSet changes = new ChangeSet();
            for (int step = 0; step < 400; step++) {
                now += random.nextInt(3);
                if (random.nextInt(12) == 0 && incidents.values().stream().anyMatch(Incident::isOpen)) {
                    ActionOutcome acted = engine.act(state, actionOn(random, incidents), Map.of(), now);
                    changes.add(acted);
                    acted.incidents().forEach(n -> incidents.put(n.incidentId(), n));
                    acted.alerts().forEach(a -> alerts.put(a.alertId(), a));
                } else {
                    Outcome outcome = engine.apply(state, eventFor(random, channel.channelId(), now), now);
                    changes.add(outcome);
                    if (outcome.alert() != null) {
                        alerts.put(outcome.alert().alertId(), outcome.alert());
                    }
                    if (outcome.incident() != null) {
                        incidents.put(outcome.incident().incidentId(), outcome.incident());
                    }
                }
                if (random.nextInt(8) == 0) {
                    store.commit(changes);
                    changes = new ChangeSet();
                }
            }
            store.commit(changes);

            Map<String, Alert> stored = new TreeMap<>();
            store.alertsById(alerts.keySet()).stream().map(AlertView::alert).forEach(a -> stored.put(a.alertId(), a));
            assertThat(stored).as("seed %d", seed).isEqualTo(new TreeMap<>(alerts));
            assertThat(new TreeMap<>(store.incidentsById(incidents.keySet()))).as("seed %d", seed)
                    .isEqualTo(new TreeMap<>(incidents));
        }
    }

    @org.junit.jupiter.api.Test
    void removingAnIncidentRemovesItsTallyAndItsAlertsTallies(@TempDir Path data) throws Exception {
        Engine engine = new Engine(new ObjectIds());
        EngineState state = new EngineState();
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            Channel channel = store.createChannel(new Channel(0, "removal", "", Channel.ENABLED, 0,
                    Channel.AutoResolveMode.trigger, false, groupingFor(1), new Flapping(Flapping.Mode.off,
                    Flapping.DEFAULT_MAX_CHANGES, Flapping.DEFAULT_IN_MINUTES, Flapping.DEFAULT_MUTE_MINUTES),
                    T0, T0));
            engine.applySetting(state, channel);
            ChangeSet opened = new ChangeSet();
            Outcome first = engine.apply(state, eventFor(new SplittableRandom(1), channel.channelId(), T0), T0);
            opened.add(first);
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < 20; i++) {
                opened.add(engine.apply(state, eventFor(random, channel.channelId(), T0 + 1), T0 + 1));
            }
            store.commit(opened);
            String incidentId = first.incident().incidentId();
            long kept = talliesOfOtherIncidents(data, incidentId);

            ChangeSet removal = new ChangeSet();
            removal.add(engine.act(state, new IncidentAction(IncidentAction.Kind.REMOVE, List.of(incidentId), "test",
                    Map.of()), Map.of(), T0 + 2));
            store.commit(removal);

            assertThat(store.incident(incidentId)).isEmpty();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                    "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
                 java.sql.Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM incident_tally WHERE incident_id = '" + incidentId + "'"))
                        .isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM alert_tally t WHERE NOT EXISTS "
                        + "(SELECT 1 FROM alert a WHERE a.alert_id = t.alert_id)")).isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM alert_tally")).isEqualTo(kept).isPositive();
            }
        }
    }

    /** Alert tallies of the alerts that are not in {@code incidentId}. */
    private static long talliesOfOtherIncidents(Path data, String incidentId) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
             java.sql.Statement s = c.createStatement()) {
            return count(s, "SELECT COUNT(*) FROM alert_tally t JOIN alert a ON a.alert_id = t.alert_id "
                    + "WHERE a.incident_id <> '" + incidentId + "'");
        }
    }

    private static long count(java.sql.Statement s, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Odd seeds group by resource, so alerts join incidents; even seeds open one incident per alert. */
    private static Grouping groupingFor(long seed) {
        return seed % 2 == 0 ? Grouping.OFF : new Grouping(GroupMethod.p, List.of(List.of("labels.resource")),
                List.of(), false, 0, Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS,
                Grouping.DEFAULT_SCORE_THRESHOLD);
    }

    private static AlertEvent eventFor(SplittableRandom random, long channelId, long now) {
        String key = KEYS.get(random.nextInt(KEYS.size()));
        Severity[] statuses = Severity.values();
        // Mostly repeats of what the key last sent: the same status and title, sometimes a new label value.
        Severity status = random.nextInt(4) == 0 ? statuses[random.nextInt(statuses.length)] : Severity.Warning;
        String title = random.nextInt(6) == 0 ? "disk full on " + key : "cpu high on " + key;
        Map<String, String> labels = new HashMap<>();
        labels.put("resource", RESOURCES.get(key.startsWith("db") ? 0 : 1));
        labels.put("host", key);
        if (random.nextInt(5) == 0) {
            labels.put("reading", Integer.toString(random.nextInt(3)));
        }
        long eventTime = random.nextInt(10) == 0 ? now - 30 : now;
        return new AlertEvent(1, channelId, key, status, title, title, "", Labels.sorted(labels), List.of(),
                eventTime);
    }

    private static IncidentAction actionOn(SplittableRandom random, Map<String, Incident> incidents) {
        List<String> ids = incidents.values().stream().filter(Incident::isOpen).map(Incident::incidentId).sorted()
                .toList();
        String incidentId = ids.get(random.nextInt(ids.size()));
        IncidentAction.Kind kind = random.nextBoolean() ? IncidentAction.Kind.ACK : IncidentAction.Kind.RESOLVE;
        return new IncidentAction(kind, List.of(incidentId), "test", Map.of());
    }
}
