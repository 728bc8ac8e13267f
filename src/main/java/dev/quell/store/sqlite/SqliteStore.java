package dev.quell.store.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.Alert;
import dev.quell.engine.AlertPipeline;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Channel;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.DropRule;
import dev.quell.engine.Enrichment;
import dev.quell.engine.InhibitRule;
import dev.quell.engine.SilenceRule;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupMethod;
import dev.quell.engine.Grouping;
import dev.quell.engine.Incident;
import dev.quell.engine.Integration;
import dev.quell.engine.MappingTable;
import dev.quell.engine.Progress;
import dev.quell.engine.Route;
import dev.quell.engine.Severity;
import dev.quell.engine.StoredEvent;
import dev.quell.engine.TimelineEntry;
import dev.quell.store.AlertQuery;
import dev.quell.store.AlertView;
import dev.quell.store.ChannelSettingsJson;
import dev.quell.store.ConsoleUser;
import dev.quell.store.RouteJson;
import dev.quell.store.EnrichmentJson;
import dev.quell.store.PipelineJson;
import dev.quell.store.SilenceWindowJson;
import dev.quell.store.IncidentOverview;
import dev.quell.store.IncidentQuery;
import dev.quell.store.Json;
import dev.quell.store.OpenState;
import dev.quell.store.Page;
import dev.quell.store.SearchAfter;
import dev.quell.store.Store;
import dev.quell.store.StoreException;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The embedded store: one SQLite file in WAL mode. One connection writes (the shard writer's batches and
 * configuration changes take turns on it); a small pool of read-only connections serves the API beside it,
 * which WAL allows without blocking the writer.
 */
public final class SqliteStore implements Store {
    public static final String FILE_NAME = "quell.db";
    private static final int READERS = 4;
    /**
     * Each connection's page cache, the writer's kept as small as the readers' on purpose. When a B-tree rebalance
     * swaps two pages, SQLite parks one under the number of the lock page (page 262,145 with 4 KiB pages), and at the
     * end of that transaction it walks its whole page cache to drop pages past the end of the file. Inserts in the
     * middle of an index do this in most commits (an alert joining an incident among 10,000), and the walk grows with
     * the cache: at 64 MiB it took 6 % of the machine and intelligent grouping cost 24 % of the throughput instead of
     * 11 % (see bench/README.md). The pages a smaller cache misses are read from the operating system's cache instead.
     */
    private static final int CACHE_KIB = 8_192;
    private static final String A_MERGE = "a_merge";
    /** An alert's record with its tally (V16): what every event moves is kept apart from the wide record. */
    private static final String ALERT_FROM = "alert a JOIN alert_tally at ON at.alert_id = a.alert_id";
    private static final String ALERT_COLUMNS = "a.alert_id, a.channel_id, a.integration_id, a.alert_key, a.title, "
            + "a.title_rule, a.description, a.alert_severity, a.alert_status, a.start_time, at.last_time, a.end_time, "
            + "a.close_time, a.labels, a.images, at.event_cnt, a.ever_muted, a.incident_id, a.created_at, "
            + "at.updated_at";
    private static final String ALERT_VIEW_FROM = "SELECT " + ALERT_COLUMNS + ", i.title AS incident_title, "
            + "i.progress AS incident_progress FROM " + ALERT_FROM + " LEFT JOIN incident i "
            + "ON i.incident_id = a.incident_id";
    private static final String INCIDENT_FROM = "incident JOIN incident_tally USING (incident_id)";
    private static final String INCIDENT_COLUMNS = "incident_id, channel_id, num, title, description, "
            + "incident_severity, incident_status, progress, start_time, last_time, end_time, ack_time, close_time, "
            + "labels, first_alert_id, group_method, alert_cnt, active_alert_cnt, alert_event_cnt, ever_muted, created_at, "
            + "updated_at, root_cause, resolution, snoozed_before, dedup_key, last_merge_time";
    /** Alerts paged by their records' columns; {@link #ALERTS_BY_TALLY} when the filters or order read the tally. */
    private static final PageSelect ALERTS = new PageSelect(ALERT_VIEW_FROM, "a.alert_id", "alert a");
    private static final PageSelect ALERTS_BY_TALLY = new PageSelect(ALERT_VIEW_FROM, "a.alert_id", ALERT_FROM);
    private static final PageSelect INCIDENTS = new PageSelect("SELECT " + INCIDENT_COLUMNS + " FROM " + INCIDENT_FROM,
            "incident_id", "incident");

    /** The columns of an alert's record that its events can move; the rest of what they move is its tally. */
    private static final String ALERT_STATE = "title, title_rule, description, alert_severity, alert_status, "
            + "end_time, close_time, labels, images, ever_muted, incident_id";
    private static final String INCIDENT_STATE = "title, description, incident_severity, incident_status, progress, "
            + "end_time, ack_time, close_time, labels, ever_muted, root_cause, resolution, snoozed_before";

    private final Json json;
    private final Connection writer;
    /** Forces the WAL to disk; null when commits need only survive a killed process. */
    private final WalSync walSync;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private WriteStatements writeStatements;

    private SqliteStore(Json json, Connection writer, WalSync walSync) {
        this.json = json;
        this.writer = writer;
        this.walSync = walSync;
    }

    /**
     * Opens (creating and migrating if needed) the database under {@code dataDir}. With {@code syncEveryCommit}
     * every commit is made to survive power loss: configuration writes are synced before they return, and a shard
     * writer's batches by {@link #syncCommitted} before they are answered. Without it a commit survives a killed
     * process but not a lost machine.
     *
     * <p>SQLite itself runs with {@code synchronous=NORMAL} either way, so its commit only writes the WAL; the sync
     * is this store's. A batch's commit then returns at once and the writer can apply and commit the next batch while
     * another thread waits for the disk to take the last one (with {@code FULL}, SQLite's own fsync in the commit
     * kept the writer, the one serial part, waiting for the disk for a third of its time when every event opened an
     * alert). SQLite still syncs the WAL before each checkpoint and the database after it.
     */
    public static SqliteStore open(Path dataDir, ObjectMapper mapper, boolean syncEveryCommit) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        SqliteNativeLibrary.load(dataDir);
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-CACHE_KIB);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        try {
            Connection writer = dataSource.getConnection();
            writer.setAutoCommit(false);
            SqliteStore store = new SqliteStore(new Json(mapper), writer,
                    syncEveryCommit ? new WalSync(dataDir, FILE_NAME) : null);
            for (int i = 0; i < READERS; i++) {
                Connection reader = dataSource.getConnection();
                try (Statement pragma = reader.createStatement()) {
                    pragma.execute("PRAGMA query_only = true");
                }
                store.readers.add(reader);
            }
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open " + url + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- write side

    @Override
    public synchronized void commit(ChangeSet changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            LabelsJson labels = new LabelsJson();
            moveAlerts(changes);
            writeAlerts(changes, labels);
            writeIncidents(changes, labels);
            writeEvents(changes, labels);
            writeTimeline(changes);
            removeIncidents(changes);
            countEvents(changes);
            writeLastEventTimes(changes);
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw new StoreException("commit of a batch failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean commitsNeedSync() {
        return walSync != null;
    }

    /** Not synchronized: it runs beside the writer's next commit, which is the point of it. */
    @Override
    public void syncCommitted() {
        if (walSync != null) {
            walSync.force();
        }
    }

    /** Commits a configuration write, synced before it returns when commits must survive power loss. */
    private void commitDurably() throws SQLException {
        writer.commit();
        syncCommitted();
    }

    /** The per-hour tallies the incidents page charts: events applied, and incidents opened. */
    private void countEvents(ChangeSet changes) throws SQLException {
        java.util.Map<Long, Integer> opened = new java.util.TreeMap<>();
        for (Incident incident : changes.incidents()) {
            if (changes.incidentWrite(incident.incidentId()) == ChangeSet.Write.INSERT) {
                opened.merge(incident.createdAt() / 3600, 1, Integer::sum);
            }
        }
        addToTally(statements().addEventHour, changes.eventsByHour());
        addToTally(statements().addIncidentHour, opened);
    }

    private static void addToTally(PreparedStatement add, java.util.Map<Long, Integer> byHour) throws SQLException {
        for (java.util.Map.Entry<Long, Integer> hour : byHour.entrySet()) {
            add.setLong(1, hour.getKey());
            add.setInt(2, hour.getValue());
            add.executeUpdate();
        }
    }

    /** An upsert adding to a per-hour tally table's count. */
    private static String tallyUpsert(String table, String column) {
        return "INSERT INTO " + table + " (hour, " + column + ") VALUES (?, ?) ON CONFLICT (hour) DO UPDATE SET "
                + column + " = " + column + " + excluded." + column;
    }

    /** One update per integration that received events in the batch, never one per event. */
    private void writeLastEventTimes(ChangeSet changes) throws SQLException {
        if (changes.lastEventTimes().isEmpty()) {
            return;
        }
        PreparedStatement update = statements().updateLastEventTime;
        for (java.util.Map.Entry<Long, Long> integration : changes.lastEventTimes().entrySet()) {
            update.setLong(1, integration.getValue());
            update.setLong(2, integration.getKey());
            update.addBatch();
        }
        update.executeBatch();
    }

    private void writeAlerts(ChangeSet changes, LabelsJson labels) throws SQLException {
        WriteStatements w = statements();
        List<Alert> inserted = new ArrayList<>();
        boolean updates = false;
        boolean refreshes = false;
        for (Alert a : changes.alerts()) {
            switch (changes.alertWrite(a.alertId())) {
                case INSERT -> inserted.add(a);
                case UPDATE -> {
                    PreparedStatement s = w.updateAlert;
                    int i = bindAlertState(s, 1, a, labels);
                    s.setString(i, a.alertId());
                    s.addBatch();
                    updates = true;
                }
                case REFRESH -> {
                    PreparedStatement s = w.refreshAlert;
                    s.setString(1, labels.of(a.labels()));
                    s.setString(2, images(a.images()));
                    s.setInt(3, a.everMuted() ? 1 : 0);
                    s.setString(4, a.alertId());
                    s.addBatch();
                    refreshes = true;
                }
                case TALLY -> {
                    // The tally below is all that moved.
                }
            }
        }
        w.insertAlerts.write(inserted, (s, i, a) -> {
            s.setString(i, a.alertId());
            s.setLong(i + 1, a.channelId());
            s.setLong(i + 2, a.integrationId());
            s.setString(i + 3, a.alertKey());
            s.setLong(i + 4, a.startTime());
            s.setLong(i + 5, a.createdAt());
            return bindAlertState(s, i + 6, a, labels);
        });
        executeIf(updates, w.updateAlert);
        executeIf(refreshes, w.refreshAlert);
        w.writeAlertTallies.write(changes.alerts(), (s, i, a) -> {
            s.setString(i, a.alertId());
            s.setLong(i + 1, a.lastTime());
            s.setLong(i + 2, a.eventCnt());
            s.setLong(i + 3, a.updatedAt());
            return i + 4;
        });
    }

    /** The columns an alert's events can move, in the order of {@code ALERT_STATE}. */
    private int bindAlertState(PreparedStatement s, int i, Alert a, LabelsJson labels) throws SQLException {
        s.setString(i++, a.title());
        s.setString(i++, a.titleRule());
        s.setString(i++, a.description());
        s.setString(i++, a.severity().name());
        s.setString(i++, a.status().name());
        s.setLong(i++, a.endTime());
        s.setLong(i++, a.closeTime());
        s.setString(i++, labels.of(a.labels()));
        s.setString(i++, images(a.images()));
        s.setInt(i++, a.everMuted() ? 1 : 0);
        s.setString(i++, a.incidentId());
        return i;
    }

    /** The columns an incident's alerts and actions can move, in the order of {@code INCIDENT_STATE}. */
    private static int bindIncidentState(PreparedStatement s, int i, Incident n, LabelsJson labels)
            throws SQLException {
        s.setString(i++, n.title());
        s.setString(i++, n.description());
        s.setString(i++, n.severity().name());
        s.setString(i++, n.status().name());
        s.setString(i++, n.progress().name());
        s.setLong(i++, n.endTime());
        s.setLong(i++, n.ackTime());
        s.setLong(i++, n.closeTime());
        s.setString(i++, labels.of(n.labels()));
        s.setInt(i++, n.everMuted() ? 1 : 0);
        s.setString(i++, n.rootCause());
        s.setString(i++, n.resolution());
        s.setLong(i++, n.snoozedBefore());
        return i;
    }

    private static void executeIf(boolean pending, PreparedStatement statement) throws SQLException {
        if (pending) {
            statement.executeBatch();
        }
    }

    private String images(List<dev.quell.engine.Image> images) {
        return images.isEmpty() ? "[]" : json.write(images);
    }

    private void writeIncidents(ChangeSet changes, LabelsJson labels) throws SQLException {
        WriteStatements w = statements();
        List<Incident> inserted = new ArrayList<>();
        boolean updates = false;
        boolean refreshes = false;
        for (Incident n : changes.incidents()) {
            switch (changes.incidentWrite(n.incidentId())) {
                case INSERT -> inserted.add(n);
                case UPDATE -> {
                    PreparedStatement s = w.updateIncident;
                    int i = bindIncidentState(s, 1, n, labels);
                    s.setString(i, n.incidentId());
                    s.addBatch();
                    updates = true;
                }
                case REFRESH -> {
                    PreparedStatement s = w.refreshIncident;
                    s.setString(1, n.severity().name());
                    s.setString(2, n.status().name());
                    s.setString(3, labels.of(n.labels()));
                    s.setInt(4, n.everMuted() ? 1 : 0);
                    s.setString(5, n.incidentId());
                    s.addBatch();
                    refreshes = true;
                }
                case TALLY -> {
                    // The tally below is all that moved.
                }
            }
        }
        w.insertIncidents.write(inserted, (s, i, n) -> {
            s.setString(i, n.incidentId());
            s.setLong(i + 1, n.channelId());
            s.setString(i + 2, n.num());
            s.setLong(i + 3, n.startTime());
            s.setString(i + 4, n.firstAlertId());
            s.setString(i + 5, n.groupMethod().name());
            s.setString(i + 6, n.dedupKey());
            s.setLong(i + 7, n.createdAt());
            return bindIncidentState(s, i + 8, n, labels);
        });
        executeIf(updates, w.updateIncident);
        executeIf(refreshes, w.refreshIncident);
        w.writeIncidentTallies.write(changes.incidents(), (s, i, n) -> {
            s.setString(i, n.incidentId());
            s.setLong(i + 1, n.lastTime());
            s.setLong(i + 2, n.alertCnt());
            s.setLong(i + 3, n.activeAlertCnt());
            s.setLong(i + 4, n.alertEventCnt());
            s.setLong(i + 5, n.lastMergeTime());
            s.setLong(i + 6, n.updatedAt());
            return i + 7;
        });
    }

    private void writeEvents(ChangeSet changes, LabelsJson labels) throws SQLException {
        statements().insertEvents.write(changes.events(), (s, i, e) -> {
            s.setString(i, e.alertId());
            s.setString(i + 1, e.eventId());
            s.setLong(i + 2, e.channelId());
            s.setLong(i + 3, e.integrationId());
            s.setString(i + 4, e.alertKey());
            s.setString(i + 5, e.status().name());
            s.setString(i + 6, e.titleRule());
            s.setString(i + 7, e.title());
            s.setString(i + 8, e.description());
            s.setString(i + 9, labels.of(e.labels()));
            s.setString(i + 10, images(e.images()));
            s.setLong(i + 11, e.eventTime());
            s.setLong(i + 12, e.createdAt());
            s.setString(i + 13, e.rewrites().isEmpty() ? "[]" : json.write(e.rewrites()));
            return i + 14;
        });
    }

    /** Removed incidents go with everything that hangs off them. */
    private void removeIncidents(ChangeSet changes) throws SQLException {
        if (changes.removedIncidents().isEmpty()) {
            return;
        }
        List<String> deletes = List.of(
                "DELETE FROM alert_event WHERE alert_id IN (SELECT alert_id FROM alert WHERE incident_id = ?)",
                "DELETE FROM alert_join WHERE alert_id IN (SELECT alert_id FROM alert WHERE incident_id = ?)",
                "DELETE FROM alert_tally WHERE alert_id IN (SELECT alert_id FROM alert WHERE incident_id = ?)",
                "DELETE FROM alert WHERE incident_id = ?",
                "DELETE FROM incident_timeline WHERE incident_id = ?",
                "DELETE FROM incident_tally WHERE incident_id = ?",
                "DELETE FROM incident WHERE incident_id = ?");
        for (String sql : deletes) {
            try (PreparedStatement delete = writer.prepareStatement(sql)) {
                for (String incidentId : changes.removedIncidents()) {
                    delete.setString(1, incidentId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    /** A merge's alerts, closed ones included, now belong to the target incident. */
    private void moveAlerts(ChangeSet changes) throws SQLException {
        if (changes.alertsMoved().isEmpty()) {
            return;
        }
        for (String from : changes.alertsMoved().keySet()) {
            keepJoinEntries("j.alert_id IN (SELECT alert_id FROM alert WHERE incident_id = ?)", from);
        }
        try (PreparedStatement move = writer.prepareStatement("UPDATE alert SET incident_id = ? WHERE incident_id = ?")) {
            for (java.util.Map.Entry<String, String> moved : changes.alertsMoved().entrySet()) {
                move.setString(1, moved.getValue());
                move.setString(2, moved.getKey());
                move.addBatch();
            }
            move.executeBatch();
        }
    }

    /**
     * Timeline entries go under their incident, except why an alert joined by grouping, which goes to
     * {@code alert_join} (see V15). An alert merged by hand into another incident first moves its join entry into the
     * timeline of the incident it joined, where that incident's feed still finds it.
     */
    private void writeTimeline(ChangeSet changes) throws SQLException {
        if (changes.timeline().isEmpty()) {
            return;
        }
        WriteStatements w = statements();
        boolean entries = false;
        boolean joins = false;
        for (TimelineEntry entry : changes.timeline()) {
            if (isGroupingJoin(entry)) {
                PreparedStatement insert = w.insertAlertJoin;
                insert.setString(1, entry.detail().get("alert_id"));
                insert.setString(2, entry.entryId());
                insert.setString(3, entry.incidentId());
                insert.setString(4, Json.writeLabels(entry.detail()));
                insert.setLong(5, entry.createdAt());
                insert.addBatch();
                joins = true;
                continue;
            }
            if (entry.type().equals(A_MERGE) && entry.detail().containsKey("from_incident")) {
                keepJoinEntries("j.alert_id = ?", entry.detail().get("alert_id"));
            }
            PreparedStatement insert = w.insertTimeline;
            insert.setString(1, entry.incidentId());
            insert.setString(2, entry.entryId());
            insert.setString(3, entry.type());
            insert.setString(4, entry.actor());
            insert.setString(5, Json.writeLabels(entry.detail()));
            insert.setLong(6, entry.createdAt());
            insert.addBatch();
            entries = true;
        }
        if (entries) {
            w.insertTimeline.executeBatch();
        }
        if (joins) {
            w.insertAlertJoin.executeBatch();
        }
    }

    private static boolean isGroupingJoin(TimelineEntry entry) {
        return entry.type().equals(A_MERGE) && entry.actor().equals(TimelineEntry.SYSTEM)
                && entry.detail().containsKey("method") && entry.detail().containsKey("alert_id");
    }

    /**
     * Moves the join entries of the alerts {@code which} selects (a condition on {@code alert_join j}, one parameter)
     * into the timeline of the incidents they joined, before those alerts leave them.
     */
    private void keepJoinEntries(String which, String value) throws SQLException {
        try (PreparedStatement copy = writer.prepareStatement("INSERT INTO incident_timeline (incident_id, entry_id, "
                + "type, actor, detail, created_at) SELECT j.incident_id, j.entry_id, ?, ?, j.detail, j.created_at "
                + "FROM alert_join j WHERE " + which);
             PreparedStatement delete = writer.prepareStatement(
                     "DELETE FROM alert_join WHERE alert_id IN (SELECT j.alert_id FROM alert_join j WHERE " + which
                             + ")")) {
            copy.setString(1, A_MERGE);
            copy.setString(2, TimelineEntry.SYSTEM);
            copy.setString(3, value);
            copy.executeUpdate();
            delete.setString(1, value);
            delete.executeUpdate();
        }
    }

    /**
     * Labels serialised once per batch: an alert, its incident and its event usually share one label map, so the
     * cache is by identity.
     */
    private static final class LabelsJson {
        private final java.util.IdentityHashMap<java.util.Map<String, String>, String> written =
                new java.util.IdentityHashMap<>();

        String of(java.util.Map<String, String> labels) {
            return written.computeIfAbsent(labels, Json::writeLabels);
        }
    }

    /** The writer's statements, prepared once: a batch only binds and executes them. */
    private static final class WriteStatements implements AutoCloseable {
        final MultiRowInsert insertAlerts;
        final PreparedStatement updateAlert;
        final PreparedStatement refreshAlert;
        final MultiRowInsert writeAlertTallies;
        final MultiRowInsert insertIncidents;
        final PreparedStatement updateIncident;
        final PreparedStatement refreshIncident;
        final MultiRowInsert writeIncidentTallies;
        final MultiRowInsert insertEvents;
        final PreparedStatement insertTimeline;
        final PreparedStatement insertAlertJoin;
        final PreparedStatement updateLastEventTime;
        final PreparedStatement addEventHour;
        final PreparedStatement addIncidentHour;

        WriteStatements(Connection c) throws SQLException {
            insertAlerts = new MultiRowInsert(c, "INSERT INTO alert (alert_id, channel_id, integration_id, alert_key, "
                    + "start_time, created_at, " + ALERT_STATE + ")", 17);
            updateAlert = c.prepareStatement("UPDATE alert SET " + assignments(ALERT_STATE) + " WHERE alert_id = ?");
            // No indexed column here, so a repeat with new labels rewrites the row and nothing else.
            refreshAlert = c.prepareStatement("UPDATE alert SET labels = ?, images = ?, ever_muted = ? "
                    + "WHERE alert_id = ?");
            writeAlertTallies = new MultiRowInsert(c, "INSERT OR REPLACE INTO alert_tally (alert_id, last_time, "
                    + "event_cnt, updated_at)", 4);
            insertIncidents = new MultiRowInsert(c, "INSERT INTO incident (incident_id, channel_id, num, start_time, "
                    + "first_alert_id, group_method, dedup_key, created_at, " + INCIDENT_STATE + ")", 21);
            updateIncident = c.prepareStatement("UPDATE incident SET " + assignments(INCIDENT_STATE)
                    + " WHERE incident_id = ?");
            refreshIncident = c.prepareStatement("UPDATE incident SET incident_severity = ?, incident_status = ?, "
                    + "labels = ?, ever_muted = ? WHERE incident_id = ?");
            writeIncidentTallies = new MultiRowInsert(c, "INSERT OR REPLACE INTO incident_tally (incident_id, "
                    + "last_time, alert_cnt, active_alert_cnt, alert_event_cnt, last_merge_time, updated_at)", 7);
            insertEvents = new MultiRowInsert(c, "INSERT INTO alert_event (alert_id, event_id, channel_id, "
                    + "integration_id, alert_key, event_status, title_rule, title, description, labels, images, "
                    + "event_time, created_at, rewrites)", 14);
            insertTimeline = c.prepareStatement("INSERT INTO incident_timeline (incident_id, entry_id, type, actor, "
                    + "detail, created_at) VALUES (?,?,?,?,?,?)");
            insertAlertJoin = c.prepareStatement("INSERT INTO alert_join (alert_id, entry_id, incident_id, detail, "
                    + "created_at) VALUES (?,?,?,?,?)");
            updateLastEventTime = c.prepareStatement(
                    "UPDATE integration SET last_event_time = ? WHERE integration_id = ?");
            addEventHour = c.prepareStatement(tallyUpsert("event_hour", "events"));
            addIncidentHour = c.prepareStatement(tallyUpsert("incident_hour", "incidents"));
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement s : List.of(updateAlert, refreshAlert, updateIncident, refreshIncident,
                    insertTimeline, insertAlertJoin, updateLastEventTime, addEventHour, addIncidentHour)) {
                s.close();
            }
            for (MultiRowInsert s : List.of(insertAlerts, writeAlertTallies, insertIncidents, writeIncidentTallies,
                    insertEvents)) {
                s.close();
            }
        }
    }

    private static String assignments(String columns) {
        return String.join(" = ?, ", columns.split(", ")) + " = ?";
    }

    private WriteStatements statements() throws SQLException {
        if (writeStatements == null) {
            writeStatements = new WriteStatements(writer);
        }
        return writeStatements;
    }

    private void rollbackQuietly(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public synchronized Channel createChannel(Channel c) {
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO channel (channel_name, description, "
                + "status, auto_resolve_timeout, auto_resolve_mode, disable_auto_close, group_settings, "
                + "flapping_settings, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, c.channelName());
            insert.setString(2, c.description());
            insert.setString(3, c.status());
            insert.setLong(4, c.autoResolveTimeout());
            insert.setString(5, c.autoResolveMode().name());
            insert.setInt(6, c.disableAutoClose() ? 1 : 0);
            insert.setString(7, ChannelSettingsJson.toJson(c.grouping()).toString());
            insert.setString(8, ChannelSettingsJson.toJson(c.flapping()).toString());
            insert.setLong(9, c.createdAt());
            insert.setLong(10, c.updatedAt());
            insert.executeUpdate();
            long id = generatedKey(insert);
            commitDurably();
            return new Channel(id, c.channelName(), c.description(), c.status(), c.autoResolveTimeout(),
                    c.autoResolveMode(), c.disableAutoClose(), c.grouping(), c.flapping(), c.createdAt(),
                    c.updatedAt());
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StoreException("cannot create channel " + c.channelName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Channel updateChannel(Channel c) {
        try (PreparedStatement update = writer.prepareStatement("UPDATE channel SET channel_name = ?, description = ?, "
                + "status = ?, auto_resolve_timeout = ?, auto_resolve_mode = ?, disable_auto_close = ?, "
                + "group_settings = ?, flapping_settings = ?, updated_at = ? WHERE channel_id = ?")) {
            update.setString(1, c.channelName());
            update.setString(2, c.description());
            update.setString(3, c.status());
            update.setLong(4, c.autoResolveTimeout());
            update.setString(5, c.autoResolveMode().name());
            update.setInt(6, c.disableAutoClose() ? 1 : 0);
            update.setString(7, ChannelSettingsJson.toJson(c.grouping()).toString());
            update.setString(8, ChannelSettingsJson.toJson(c.flapping()).toString());
            update.setLong(9, c.updatedAt());
            update.setLong(10, c.channelId());
            int changed = update.executeUpdate();
            commitDurably();
            if (changed == 0) {
                throw new StoreException("channel " + c.channelId() + " does not exist", null);
            }
            return c;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StoreException("cannot update channel " + c.channelId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Integration createIntegration(String name, long channelId, Integer ratePerSecond,
                                                      Integer ratePerMinute, String integrationKey, long now) {
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO integration (integration_name, "
                + "integration_type, integration_key, channel_id, status, rate_per_second, rate_per_minute, created_at, "
                + "updated_at) VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, Integration.STANDARD);
            insert.setString(3, integrationKey);
            insert.setLong(4, channelId);
            insert.setString(5, Integration.ENABLED);
            insert.setObject(6, ratePerSecond);
            insert.setObject(7, ratePerMinute);
            insert.setLong(8, now);
            insert.setLong(9, now);
            insert.executeUpdate();
            long id = generatedKey(insert);
            commitDurably();
            return new Integration(id, name, Integration.STANDARD, integrationKey, channelId, Integration.ENABLED,
                    ratePerSecond, ratePerMinute, now, now);
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StoreException("cannot create integration " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Integration setIntegrationStatus(long integrationId, String status, long now) {
        try (PreparedStatement update = writer.prepareStatement(
                "UPDATE integration SET status = ?, updated_at = ? WHERE integration_id = ?")) {
            update.setString(1, status);
            update.setLong(2, now);
            update.setLong(3, integrationId);
            int changed = update.executeUpdate();
            commitDurably();
            if (changed == 0) {
                throw new StoreException("integration " + integrationId + " does not exist", null);
            }
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StoreException("cannot set the status of integration " + integrationId + ": " + e.getMessage(), e);
        }
        return integrations().stream().filter(i -> i.integrationId() == integrationId).findFirst()
                .orElseThrow(() -> new StoreException("integration " + integrationId + " vanished", null));
    }

    private static long generatedKey(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no id was generated");
            }
            return keys.getLong(1);
        }
    }

    // ---------------------------------------------------------------- read side

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Read<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            readers.add(connection);
        }
    }

    @Override
    public OpenState loadOpenState(long recoveredSince) {
        return read(c -> {
            // An active alert always belongs to an open incident, whose partial index finds it.
            List<Alert> active = all(c, "SELECT " + ALERT_COLUMNS + " FROM incident i JOIN alert a "
                    + "ON a.incident_id = i.incident_id JOIN alert_tally at ON at.alert_id = a.alert_id "
                    + "WHERE i.progress <> 'Closed' AND a.alert_status <> 'Ok'",
                    this::alertOf);
            List<Incident> open = all(c, "SELECT " + INCIDENT_COLUMNS + " FROM " + INCIDENT_FROM
                    + " WHERE progress <> 'Closed'",
                    this::incidentOf);
            List<Alert> recovered = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + ALERT_COLUMNS
                    + " FROM " + ALERT_FROM + " WHERE a.alert_status = 'Ok' AND a.close_time >= ?")) {
                s.setLong(1, recoveredSince);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        recovered.add(alertOf(rows));
                    }
                }
            }
            return new OpenState(active, open, recovered, channels(c), openingEvents(c), rules(c), pipelines(c),
                    enrichments(c), mappingTables(c));
        });
    }

    @Override
    public List<Channel> channels() {
        return read(this::channels);
    }

    private List<Channel> channels(Connection c) throws SQLException {
        return all(c, "SELECT channel_id, channel_name, description, status, auto_resolve_timeout, auto_resolve_mode, "
                + "disable_auto_close, group_settings, flapping_settings, created_at, updated_at FROM channel "
                + "ORDER BY channel_id", rows -> new Channel(rows.getLong(1), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getLong(5), Channel.AutoResolveMode.valueOf(rows.getString(6)),
                rows.getInt(7) != 0, storedGrouping(rows.getString(8)), storedFlapping(rows.getString(9)),
                rows.getLong(10), rows.getLong(11)));
    }

    @Override
    public List<Integration> integrations() {
        return read(c -> all(c, "SELECT integration_id, integration_name, integration_type, integration_key, "
                + "channel_id, status, rate_per_second, rate_per_minute, created_at, updated_at FROM integration "
                + "ORDER BY integration_id", rows -> new Integration(rows.getLong(1), rows.getString(2),
                rows.getString(3), rows.getString(4), rows.getLong(5), rows.getString(6), nullableInt(rows, 7),
                nullableInt(rows, 8), rows.getLong(9), rows.getLong(10))));
    }

    @Override
    public java.util.Map<Long, Long> integrationLastEventTimes() {
        return read(c -> all(c, "SELECT integration_id, last_event_time FROM integration WHERE last_event_time > 0",
                rows -> java.util.Map.entry(rows.getLong(1), rows.getLong(2)))).stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    private static Integer nullableInt(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    @Override
    public Page<AlertView> alerts(AlertQuery q) {
        Where where = new Where();
        if (q.byUpdatedAt()) {
            where.and("at.updated_at >= ?", q.startTime());
            where.and("at.updated_at <= ?", q.endTime());
        } else {
            createdBetween(where, "a.alert_id", q.startTime(), q.endTime());
        }
        if (q.isActive() != null) {
            where.and(q.isActive() ? "a.alert_status <> 'Ok'" : "a.alert_status = 'Ok'");
        }
        if (q.everMuted() != null) {
            where.and("a.ever_muted = ?", q.everMuted() ? 1 : 0);
        }
        if (q.severities() != null && !q.severities().isEmpty()) {
            where.in("a.alert_severity", q.severities().stream().map(Severity::name).toList());
        }
        where.in("a.channel_id", q.channelIds());
        where.in("a.integration_id", q.integrationIds());
        where.in("a.alert_id", q.alertIds());
        where.in("a.alert_key", q.alertKeys());
        String direction = q.asc() ? " ASC" : " DESC";
        String order = (q.orderByUpdatedAt() ? "at.updated_at" + direction + ", " : "") + "a.alert_id" + direction;
        Where pageWhere = where.copy();
        if (q.searchAfter() != null) {
            String after = q.asc() ? ">" : "<";
            if (q.orderByUpdatedAt()) {
                pageWhere.and("(at.updated_at " + after + " ? OR (at.updated_at = ? AND a.alert_id " + after + " ?))",
                        q.searchAfter().updatedAt(), q.searchAfter().updatedAt(), q.searchAfter().id());
            } else {
                pageWhere.and("a.alert_id " + after + " ?", q.searchAfter().id());
            }
        }
        // Only a range of update times needs the tallies to count; the other filters are on the records.
        String countFrom = q.byUpdatedAt() ? ALERT_FROM : "alert a";
        PageSelect select = q.byUpdatedAt() || q.orderByUpdatedAt() ? ALERTS_BY_TALLY : ALERTS;
        return read(c -> page(c, where.count(c, "SELECT COUNT(*) FROM " + countFrom), pageWhere, select, order,
                q.searchAfter() == null ? q.page() : 1, q.limit(), this::alertViewOf,
                v -> new SearchAfter(v.alert().updatedAt(), v.alert().alertId())));
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * How a page is read: {@code select} gives its rows' columns (a record with its tally and whatever else), for the
     * keys ({@code key}) of the rows of {@code from} that the page's conditions keep, ordered and cut to the page
     * first. Joined before the cut, the tally would be looked up for every row the conditions keep (10,000 open
     * incidents for a page of 20: 22 ms instead of 0.3).
     */
    private record PageSelect(String select, String key, String from) {
    }

    /** One page: a row more than asked is fetched to tell whether another page follows. */
    private static <T> Page<T> page(Connection c, long total, Where where, PageSelect select, String order, int page,
                                    int limit, RowReader<T> reader, Function<T, SearchAfter> cursorOf)
            throws SQLException {
        List<T> items = new ArrayList<>(limit + 1);
        try (PreparedStatement s = where.preparePage(c, select.select(), select.key(), select.from(), order,
                (long) (page - 1) * limit, limit + 1);
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                items.add(reader.read(rows));
            }
        }
        boolean more = items.size() > limit;
        if (more) {
            items.remove(limit);
        }
        SearchAfter next = more && cursorOf != null ? cursorOf.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, total, more, next);
    }

    /**
     * Created within [from, to] seconds, through the primary key: an ObjectID starts with its creation second
     * as 8 hex digits, so the ids of one second sort between {@code hhhhhhhh0...0} and {@code hhhhhhhhf...f}.
     */
    private static void createdBetween(Where where, String idColumn, long from, long to) {
        where.and(idColumn + " >= ?", String.format("%08x%016x", from, 0L));
        where.and(idColumn + " < ?", String.format("%08x%016x", to + 1, 0L));
    }

    @Override
    public Optional<AlertView> alert(String alertId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(ALERT_VIEW_FROM + " WHERE a.alert_id = ?")) {
                s.setString(1, alertId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(alertViewOf(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<AlertView> alertsById(java.util.Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        Where where = new Where();
        where.in("a.alert_id", alertIds);
        return read(c -> page(c, alertIds.size(), where, ALERTS, "a.alert_id", 1, alertIds.size(),
                this::alertViewOf, null).items());
    }

    private static final String EVENT_COLUMNS = "e.event_id, e.alert_id, e.channel_id, e.integration_id, e.alert_key, "
            + "e.event_status, e.title_rule, e.title, e.description, e.labels, e.images, e.event_time, e.created_at, "
            + "e.rewrites";

    @Override
    public List<StoredEvent> alertEvents(String alertId) {
        return read(c -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS
                    + " FROM alert_event e WHERE e.alert_id = ? ORDER BY e.event_id DESC")) {
                s.setString(1, alertId);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        events.add(storedEventOf(rows));
                    }
                }
            }
            return events;
        });
    }

    private StoredEvent storedEventOf(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                rows.getString(5), Severity.valueOf(rows.getString(6)), rows.getString(7), rows.getString(8),
                rows.getString(9), json.labels(rows.getString(10)), json.images(rows.getString(11)), rows.getLong(12),
                rows.getLong(13), rewrites(rows.getString(14)));
    }

    /** The event that opened each open incident's first alert: what grouping filed the incident by. */
    private java.util.Map<String, StoredEvent> openingEvents(Connection c) throws SQLException {
        java.util.Map<String, StoredEvent> byIncident = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS + ", i.incident_id FROM incident i "
                + "JOIN alert_event e ON e.alert_id = i.first_alert_id AND e.event_id = "
                + "(SELECT MIN(event_id) FROM alert_event WHERE alert_id = i.first_alert_id) "
                + "WHERE i.progress <> 'Closed' AND i.group_method <> 'n'");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                byIncident.put(rows.getString(15), storedEventOf(rows));
            }
        }
        return byIncident;
    }

    @Override
    public Page<Incident> incidents(IncidentQuery q) {
        Where where = incidentFilters(q);
        if (q.severities() != null && !q.severities().isEmpty()) {
            where.in("incident_severity", q.severities().stream().map(Severity::name).toList());
        }
        return read(c -> incidentPage(c, q, where, where.count(c, "SELECT COUNT(*) FROM incident")));
    }

    @Override
    public IncidentOverview incidentOverview(IncidentQuery q) {
        Where where = incidentFilters(q);
        return read(c -> {
            java.util.Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
            where.countBy(c, "SELECT incident_severity, COUNT(*) FROM incident", "incident_severity")
                    .forEach((severity, count) -> counts.put(Severity.valueOf(severity), count));
            boolean everySeverity = q.severities() == null || q.severities().isEmpty();
            long total = counts.entrySet().stream().filter(e -> everySeverity || q.severities().contains(e.getKey()))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            if (total == 0) {
                // Nothing matches: looking for rows would only scan the same incidents a second time.
                return new IncidentOverview(new Page<>(List.of(), 0, false, null), counts);
            }
            Where rows = where.copy();
            if (!everySeverity) {
                rows.in("incident_severity", q.severities().stream().map(Severity::name).toList());
            }
            return new IncidentOverview(incidentPage(c, q, rows, total), counts);
        });
    }

    private Page<Incident> incidentPage(Connection c, IncidentQuery q, Where where, long total) throws SQLException {
        Where pageWhere = where.copy();
        if (q.searchAfter() != null) {
            pageWhere.and("incident_id " + (q.asc() ? ">" : "<") + " ?", q.searchAfter().id());
        }
        return page(c, total, pageWhere, INCIDENTS,
                "incident_id" + (q.asc() ? " ASC" : " DESC"), q.searchAfter() == null ? q.page() : 1, q.limit(),
                this::incidentOf, n -> new SearchAfter(0, n.incidentId()));
    }

    /** The query's conditions but its severities, paging and order. */
    private static Where incidentFilters(IncidentQuery q) {
        Where where = new Where();
        createdBetween(where, "incident_id", q.startTime(), q.endTime());
        if (q.progress() != null && !q.progress().isEmpty()) {
            where.in("progress", q.progress().stream().map(Progress::name).toList());
            if (!q.progress().contains(Progress.Closed)) {
                // Implied by the IN list, but SQLite uses the partial index of open incidents only when the query
                // states its condition: a few thousand open incidents instead of every incident ever.
                where.and("progress <> 'Closed'");
            }
        }
        where.in("channel_id", q.channelIds());
        where.in("incident_id", q.incidentIds());
        if (q.everMuted() != null) {
            where.and("ever_muted = ?", q.everMuted() ? 1 : 0);
        }
        if (q.query() != null && !q.query().isBlank()) {
            String pattern = "%" + q.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.and("(title LIKE ? ESCAPE '\\' OR labels LIKE ? ESCAPE '\\')", pattern, pattern);
        }
        return where;
    }

    @Override
    public long[] incidentsPerHour(long fromHour, int hours) {
        return hourTally("incident_hour", "incidents", fromHour, hours);
    }

    @Override
    public long[] eventsPerHour(long fromHour, int hours) {
        return hourTally("event_hour", "events", fromHour, hours);
    }

    /** A per-hour tally table's counts for the hours from {@code fromHour} on; 0 for hours with no row. */
    private long[] hourTally(String table, String column, long fromHour, int hours) {
        Where where = new Where();
        where.and("hour >= ?", fromHour);
        where.and("hour < ?", fromHour + hours);
        java.util.Map<String, Long> counts = read(c -> where.countBy(c, "SELECT hour, SUM(" + column + ") FROM "
                + table, "hour"));
        long[] series = new long[hours];
        counts.forEach((hour, count) -> {
            long index = Long.parseLong(hour) - fromHour;
            if (index >= 0 && index < hours) {
                series[(int) index] = count;
            }
        });
        return series;
    }

    @Override
    public Optional<ConsoleUser> consoleUser(String username) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT username, password_hash, created_at, updated_at FROM console_user WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(new ConsoleUser(rows.getString(1), rows.getString(2),
                            rows.getLong(3), rows.getLong(4))) : Optional.<ConsoleUser>empty();
                }
            }
        });
    }

    @Override
    public synchronized void saveConsoleUser(ConsoleUser user) {
        writeOne("INSERT INTO console_user (username, password_hash, created_at, updated_at) VALUES (?,?,?,?) "
                + "ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, "
                + "updated_at = excluded.updated_at", "save console user " + user.username(), s -> {
                    s.setString(1, user.username());
                    s.setString(2, user.passwordHash());
                    s.setLong(3, user.createdAt());
                    s.setLong(4, user.updatedAt());
                });
    }

    @Override
    public boolean hasConsoleUsers() {
        return read(c -> !all(c, "SELECT username FROM console_user LIMIT 1", rows -> rows.getString(1)).isEmpty());
    }

    @Override
    public java.util.Map<String, Alert> storedAlerts(java.util.Collection<String> alertIds) {
        java.util.Map<String, Alert> found = new java.util.HashMap<>();
        alertsById(alertIds).forEach(view -> found.put(view.alert().alertId(), view.alert()));
        return found;
    }

    @Override
    public java.util.Map<String, Incident> incidentsById(java.util.Collection<String> incidentIds) {
        java.util.Map<String, Incident> found = new java.util.HashMap<>();
        if (incidentIds.isEmpty()) {
            return found;
        }
        Where where = new Where();
        where.in("incident_id", incidentIds);
        return read(c -> {
            try (PreparedStatement s = where.prepare(c, "SELECT " + INCIDENT_COLUMNS + " FROM " + INCIDENT_FROM,
                    "incident_id", 0, incidentIds.size());
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Incident incident = incidentOf(rows);
                    found.put(incident.incidentId(), incident);
                }
            }
            return found;
        });
    }

    @Override
    public List<TimelineEntry> incidentTimeline(String incidentId) {
        return read(c -> {
            List<TimelineEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT entry_id, incident_id, type, actor, detail, "
                    + "created_at FROM incident_timeline WHERE incident_id = ? UNION ALL SELECT j.entry_id, "
                    + "j.incident_id, ?, ?, j.detail, j.created_at FROM alert a JOIN alert_join j "
                    + "ON j.alert_id = a.alert_id WHERE a.incident_id = ? AND j.incident_id = ? ORDER BY entry_id")) {
                s.setString(1, incidentId);
                s.setString(2, A_MERGE);
                s.setString(3, TimelineEntry.SYSTEM);
                s.setString(4, incidentId);
                s.setString(5, incidentId);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new TimelineEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), json.labels(rows.getString(5)), rows.getLong(6)));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public Optional<Incident> incident(String incidentId) {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + INCIDENT_COLUMNS + " FROM " + INCIDENT_FROM
                    + " WHERE incident_id = ?")) {
                s.setString(1, incidentId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(incidentOf(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Page<AlertView> incidentAlerts(String incidentId, Boolean isActive, int page, int limit) {
        Where where = new Where();
        where.and("a.incident_id = ?", incidentId);
        if (isActive != null) {
            where.and(isActive ? "a.alert_status <> 'Ok'" : "a.alert_status = 'Ok'");
        }
        return read(c -> page(c, where.count(c, "SELECT COUNT(*) FROM alert a"), where, ALERTS,
                "a.alert_id ASC", page, limit, this::alertViewOf, null));
    }

    @Override
    public synchronized void savePipeline(AlertPipeline pipeline) {
        saveSteps("alert_pipeline", pipeline.integrationId(), PipelineJson.toJson(pipeline.rules()).toString(),
                pipeline.createdAt(), pipeline.updatedAt());
    }

    @Override
    public synchronized void saveEnrichment(Enrichment enrichment) {
        saveSteps("enrichment", enrichment.integrationId(), EnrichmentJson.toJson(enrichment.rules()).toString(),
                enrichment.createdAt(), enrichment.updatedAt());
    }

    /** An integration's steps (pipeline or enrichment: tables of one shape), replacing the ones it had. */
    private void saveSteps(String table, long integrationId, String rules, long createdAt, long updatedAt) {
        writeOne("INSERT INTO " + table + " (integration_id, rules, created_at, updated_at) VALUES (?,?,?,?) "
                + "ON CONFLICT (integration_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at",
                "save the " + table + " of integration " + integrationId, s -> {
                    s.setLong(1, integrationId);
                    s.setString(2, rules);
                    s.setLong(3, createdAt);
                    s.setLong(4, updatedAt);
                });
    }

    @Override
    public List<AlertPipeline> pipelines() {
        return read(this::pipelines);
    }

    private List<AlertPipeline> pipelines(Connection c) throws SQLException {
        return all(c, "SELECT p.integration_id, i.integration_name, p.rules, p.created_at, p.updated_at "
                + "FROM alert_pipeline p JOIN integration i ON i.integration_id = p.integration_id "
                + "ORDER BY p.integration_id", rows -> new AlertPipeline(rows.getLong(1), rows.getString(2),
                PipelineJson.rules(json.tree(rows.getString(3))), rows.getLong(4), rows.getLong(5)));
    }

    @Override
    public List<Enrichment> enrichments() {
        return read(this::enrichments);
    }

    private List<Enrichment> enrichments(Connection c) throws SQLException {
        return all(c, "SELECT integration_id, rules, created_at, updated_at FROM enrichment ORDER BY integration_id",
                rows -> new Enrichment(rows.getLong(1), EnrichmentJson.rules(json.tree(rows.getString(2))),
                        rows.getLong(3), rows.getLong(4)));
    }

    /** Runs one statement on the write connection and commits it; a failure says what could not be done. */
    private void writeOne(String sql, String what, Binder binder) {
        try (PreparedStatement statement = writer.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
            commitDurably();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Every row a query answers, each read by {@code reader}. */
    private static <T> List<T> all(Connection c, String sql, RowReader<T> reader) throws SQLException {
        List<T> items = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                items.add(reader.read(rows));
            }
        }
        return items;
    }

    @Override
    public synchronized void saveMappingTable(MappingTable table) {
        List<List<List<String>>> rows = new ArrayList<>();
        table.rows().forEach((source, result) -> rows.add(List.of(source, result)));
        writeOne("INSERT INTO mapping_table (schema_id, schema_name, description, source_labels, result_labels, rows, "
                + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (schema_id) DO UPDATE SET "
                + "schema_name = excluded.schema_name, description = excluded.description, rows = excluded.rows, "
                + "updated_at = excluded.updated_at", "save mapping table " + table.schemaId(), s -> {
                    s.setString(1, table.schemaId());
                    s.setString(2, table.schemaName());
                    s.setString(3, table.description());
                    s.setString(4, json.write(table.sourceLabels()));
                    s.setString(5, json.write(table.resultLabels()));
                    s.setString(6, json.write(rows));
                    s.setLong(7, table.createdAt());
                    s.setLong(8, table.updatedAt());
                });
    }

    @Override
    public synchronized void deleteMappingTable(String schemaId) {
        writeOne("DELETE FROM mapping_table WHERE schema_id = ?", "delete mapping table " + schemaId,
                s -> s.setString(1, schemaId));
    }

    @Override
    public List<MappingTable> mappingTables() {
        return read(this::mappingTables);
    }

    private List<MappingTable> mappingTables(Connection c) throws SQLException {
        return all(c, "SELECT schema_id, schema_name, description, source_labels, result_labels, rows, created_at, "
                + "updated_at FROM mapping_table ORDER BY schema_id", r -> {
                    java.util.Map<List<String>, List<String>> rows = new java.util.HashMap<>();
                    for (com.fasterxml.jackson.databind.JsonNode row : json.tree(r.getString(6))) {
                        rows.put(strings(row.get(0)), strings(row.get(1)));
                    }
                    return new MappingTable(r.getString(1), r.getString(2), r.getString(3),
                            strings(json.tree(r.getString(4))), strings(json.tree(r.getString(5))), rows,
                            r.getLong(7), r.getLong(8));
                });
    }

    private static List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    @Override
    public synchronized void saveRoute(Route route) {
        writeOne("INSERT INTO route (integration_id, cases, default_channels, created_at, updated_at) "
                + "VALUES (?,?,?,?,?) ON CONFLICT (integration_id) DO UPDATE SET cases = excluded.cases, "
                + "default_channels = excluded.default_channels, updated_at = excluded.updated_at",
                "save the route of integration " + route.integrationId(), s -> {
                    s.setLong(1, route.integrationId());
                    s.setString(2, RouteJson.casesJson(route.cases()).toString());
                    s.setString(3, RouteJson.channelsJson(route.defaultChannels()).toString());
                    s.setLong(4, route.createdAt());
                    s.setLong(5, route.updatedAt());
                });
    }

    @Override
    public List<Route> routes() {
        return read(c -> all(c, "SELECT integration_id, cases, default_channels, created_at, updated_at FROM route "
                + "ORDER BY integration_id", rows -> new Route(rows.getLong(1),
                RouteJson.cases(json.tree(rows.getString(2))),
                RouteJson.channelIds(json.tree(rows.getString(3)), "default"), rows.getLong(4), rows.getLong(5))));
    }

    @Override
    public synchronized void saveRule(ChannelRule rule) {
        String what = "save rule " + rule.ruleId();
        if (rule instanceof DropRule drop) {
            writeOne(UPSERT_DROP_RULE, what, s -> bindDropRule(s, drop));
        } else if (rule instanceof SilenceRule silence) {
            writeOne(UPSERT_SILENCE_RULE, what, s -> bindSilenceRule(s, silence));
        } else if (rule instanceof InhibitRule inhibit) {
            writeOne(UPSERT_INHIBIT_RULE, what, s -> bindInhibitRule(s, inhibit));
        }
    }

    @Override
    public synchronized void deleteRule(ChannelRule rule) {
        writeOne("DELETE FROM " + tableOf(rule) + " WHERE rule_id = ?", "delete rule " + rule.ruleId(),
                s -> s.setString(1, rule.ruleId()));
    }

    private static String tableOf(ChannelRule rule) {
        if (rule instanceof DropRule) {
            return "drop_rule";
        }
        return rule instanceof SilenceRule ? "silence_rule" : "inhibit_rule";
    }

    @Override
    public List<ChannelRule> rules() {
        return read(this::rules);
    }

    private List<ChannelRule> rules(Connection c) throws SQLException {
        List<ChannelRule> rules = new ArrayList<>(dropRules(c));
        rules.addAll(silenceRules(c));
        rules.addAll(inhibitRules(c));
        return rules;
    }

    private static final String UPSERT_DROP_RULE = "INSERT INTO drop_rule (rule_id, channel_id, priority, rule_name, "
            + "description, filters, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?) "
            + "ON CONFLICT (rule_id) DO UPDATE SET priority = excluded.priority, rule_name = excluded.rule_name, "
            + "description = excluded.description, filters = excluded.filters, status = excluded.status, "
            + "updated_at = excluded.updated_at";

    private static void bindDropRule(PreparedStatement s, DropRule r) throws SQLException {
        s.setString(1, r.ruleId());
        s.setLong(2, r.channelId());
        s.setInt(3, r.priority());
        s.setString(4, r.ruleName());
        s.setString(5, r.description());
        s.setString(6, ChannelSettingsJson.filterJson(r.filters().specs()).toString());
        s.setString(7, r.status());
        s.setLong(8, r.createdAt());
        s.setLong(9, r.updatedAt());
    }

    private List<DropRule> dropRules(Connection c) throws SQLException {
        return all(c, "SELECT rule_id, channel_id, priority, rule_name, description, filters, status, created_at, "
                + "updated_at FROM drop_rule ORDER BY rule_id", rows -> new DropRule(rows.getString(1),
                rows.getLong(2), rows.getInt(3), rows.getString(4), rows.getString(5), storedFilter(rows.getString(6)),
                rows.getString(7), rows.getLong(8), rows.getLong(9)));
    }

    private static final String UPSERT_SILENCE_RULE = "INSERT INTO silence_rule (rule_id, channel_id, priority, "
            + "rule_name, description, filters, time_window, discard, status, from_incident_id, created_at, "
            + "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (rule_id) DO UPDATE SET "
            + "priority = excluded.priority, rule_name = excluded.rule_name, description = excluded.description, "
            + "filters = excluded.filters, time_window = excluded.time_window, discard = excluded.discard, "
            + "status = excluded.status, updated_at = excluded.updated_at";

    private static void bindSilenceRule(PreparedStatement s, SilenceRule r) throws SQLException {
        s.setString(1, r.ruleId());
        s.setLong(2, r.channelId());
        s.setInt(3, r.priority());
        s.setString(4, r.ruleName());
        s.setString(5, r.description());
        s.setString(6, ChannelSettingsJson.filterJson(r.filters().specs()).toString());
        s.setString(7, SilenceWindowJson.toJson(r.window()).toString());
        s.setInt(8, r.discard() ? 1 : 0);
        s.setString(9, r.status());
        s.setString(10, r.fromIncidentId());
        s.setLong(11, r.createdAt());
        s.setLong(12, r.updatedAt());
    }

    private List<SilenceRule> silenceRules(Connection c) throws SQLException {
        return all(c, "SELECT rule_id, channel_id, priority, rule_name, description, filters, time_window, discard, "
                + "status, from_incident_id, created_at, updated_at FROM silence_rule ORDER BY rule_id",
                rows -> new SilenceRule(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getString(4),
                        rows.getString(5), storedFilter(rows.getString(6)),
                        SilenceWindowJson.read(json.tree(rows.getString(7))), rows.getInt(8) != 0, rows.getString(9),
                        rows.getString(10), rows.getLong(11), rows.getLong(12)));
    }

    private static final String UPSERT_INHIBIT_RULE = "INSERT INTO inhibit_rule (rule_id, channel_id, priority, "
            + "rule_name, description, source_filters, target_filters, equals, discard, status, created_at, "
            + "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (rule_id) DO UPDATE SET "
            + "priority = excluded.priority, rule_name = excluded.rule_name, description = excluded.description, "
            + "source_filters = excluded.source_filters, target_filters = excluded.target_filters, "
            + "equals = excluded.equals, discard = excluded.discard, status = excluded.status, "
            + "updated_at = excluded.updated_at";

    private void bindInhibitRule(PreparedStatement s, InhibitRule r) throws SQLException {
        s.setString(1, r.ruleId());
        s.setLong(2, r.channelId());
        s.setInt(3, r.priority());
        s.setString(4, r.ruleName());
        s.setString(5, r.description());
        s.setString(6, ChannelSettingsJson.filterJson(r.sourceFilters().specs()).toString());
        s.setString(7, ChannelSettingsJson.filterJson(r.targetFilters().specs()).toString());
        s.setString(8, json.write(r.equals()));
        s.setInt(9, r.discard() ? 1 : 0);
        s.setString(10, r.status());
        s.setLong(11, r.createdAt());
        s.setLong(12, r.updatedAt());
    }

    private List<InhibitRule> inhibitRules(Connection c) throws SQLException {
        return all(c, "SELECT rule_id, channel_id, priority, rule_name, description, source_filters, target_filters, "
                + "equals, discard, status, created_at, updated_at FROM inhibit_rule ORDER BY rule_id",
                rows -> new InhibitRule(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getString(4),
                        rows.getString(5), storedFilter(rows.getString(6)), storedFilter(rows.getString(7)),
                        strings(json.tree(rows.getString(8))), rows.getInt(9) != 0, rows.getString(10),
                        rows.getLong(11), rows.getLong(12)));
    }

    /** Filters were validated when saved; one that no longer compiles means the database was edited by hand. */
    private Filter storedFilter(String stored) {
        try {
            return Filter.compile(ChannelSettingsJson.filterSpecs(json.tree(stored), "filters"));
        } catch (InvalidFilter e) {
            throw new IllegalStateException("a stored filter does not compile: " + e.getMessage(), e);
        }
    }

    private List<String> rewrites(String stored) {
        return "[]".equals(stored) ? List.of() : strings(json.tree(stored));
    }

    /** A channel's stored grouping; none stored (a channel older than grouping) means off. */
    private Grouping storedGrouping(String stored) {
        return stored == null ? Grouping.OFF : ChannelSettingsJson.grouping(json.tree(stored));
    }

    /** A channel's stored flapping detection; none stored means what a new channel gets. */
    private Flapping storedFlapping(String stored) {
        return stored == null ? Flapping.ALERT_ONLY : ChannelSettingsJson.flapping(json.tree(stored));
    }

    private Alert alertOf(ResultSet r) throws SQLException {
        return new Alert(r.getString("alert_id"), r.getLong("channel_id"), r.getLong("integration_id"),
                r.getString("alert_key"), r.getString("title"), r.getString("title_rule"), r.getString("description"),
                Severity.valueOf(r.getString("alert_severity")), Severity.valueOf(r.getString("alert_status")),
                r.getLong("start_time"), r.getLong("last_time"), r.getLong("end_time"), r.getLong("close_time"),
                json.labels(r.getString("labels")), json.images(r.getString("images")), r.getLong("event_cnt"),
                r.getInt("ever_muted") != 0, r.getString("incident_id"), r.getLong("created_at"),
                r.getLong("updated_at"));
    }

    private AlertView alertViewOf(ResultSet r) throws SQLException {
        String progress = r.getString("incident_progress");
        return new AlertView(alertOf(r), r.getString("incident_title"), progress == null ? null : Progress.valueOf(progress));
    }

    private Incident incidentOf(ResultSet r) throws SQLException {
        return new Incident(r.getString("incident_id"), r.getLong("channel_id"), r.getString("num"),
                r.getString("title"), r.getString("description"), Severity.valueOf(r.getString("incident_severity")),
                Severity.valueOf(r.getString("incident_status")), Progress.valueOf(r.getString("progress")),
                r.getLong("start_time"), r.getLong("last_time"), r.getLong("end_time"), r.getLong("ack_time"),
                r.getLong("close_time"), json.labels(r.getString("labels")), r.getString("first_alert_id"),
                GroupMethod.valueOf(r.getString("group_method")),
                r.getLong("alert_cnt"), r.getLong("active_alert_cnt"), r.getLong("alert_event_cnt"),
                r.getInt("ever_muted") != 0, r.getLong("created_at"), r.getLong("updated_at"),
                r.getString("root_cause"), r.getString("resolution"), r.getLong("snoozed_before"),
                r.getString("dedup_key"), r.getLong("last_merge_time"));
    }

    @Override
    public synchronized void close() {
        if (writeStatements != null) {
            try {
                writeStatements.close();
            } catch (SQLException ignored) {
                // closing on the way out: nothing left to protect
            }
        }
        List<Connection> all = new ArrayList<>(readers);
        all.add(writer);
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing on the way out: nothing left to protect
            }
        }
        if (walSync != null) {
            walSync.close();
        }
    }
}
