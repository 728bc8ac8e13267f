package dev.quell.store.sqlite;

import dev.quell.engine.Alert;
import dev.quell.engine.Incident;
import dev.quell.http.QuellServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A database written before V16 keeps its alerts' and incidents' times and counters when they move to tallies. */
class TallyMigrationTest {
    private static final String ALERT_ID = "6560f0000000000000000001";
    private static final String INCIDENT_ID = "6560f0000000000000000002";

    @Test
    void timesAndCountersWrittenBeforeTalliesReadBackAfterTheMigration(@TempDir Path data) throws Exception {
        SQLiteDataSource before = new SQLiteDataSource();
        before.setUrl("jdbc:sqlite:" + data.resolve(SqliteStore.FILE_NAME));
        Flyway.configure().dataSource(before).locations("classpath:db/migration/sqlite").target("15").load()
                .migrate();
        try (Connection c = before.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alert (alert_id, channel_id, integration_id, alert_key, title, title_rule, "
                    + "description, alert_severity, alert_status, start_time, last_time, end_time, close_time, labels, "
                    + "images, event_cnt, ever_muted, incident_id, created_at, updated_at) VALUES ('" + ALERT_ID
                    + "', 1, 2, 'k', 't', 't', 'd', 'Warning', 'Warning', 100, 160, 0, 0, '{\"host\":\"h\"}', '[]', "
                    + "7, 0, '" + INCIDENT_ID + "', 100, 170)");
            s.execute("INSERT INTO incident (incident_id, channel_id, num, title, description, incident_severity, "
                    + "incident_status, progress, start_time, last_time, end_time, ack_time, close_time, labels, "
                    + "first_alert_id, group_method, alert_cnt, active_alert_cnt, alert_event_cnt, ever_muted, "
                    + "created_at, updated_at, root_cause, resolution, snoozed_before, dedup_key, last_merge_time) "
                    + "VALUES ('" + INCIDENT_ID + "', 1, '000002', 't', 'd', 'Warning', 'Warning', 'Triggered', 100, "
                    + "165, 0, 0, 0, '{\"host\":\"h\"}', '" + ALERT_ID + "', 'p', 3, 2, 9, 0, 100, 175, '', '', 0, "
                    + "'host=h', 150)");
        }

        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            Alert alert = store.alertsById(List.of(ALERT_ID)).get(0).alert();
            assertThat(List.of(alert.lastTime(), alert.eventCnt(), alert.updatedAt())).containsExactly(160L, 7L, 170L);
            assertThat(alert.labels()).containsEntry("host", "h");
            Incident incident = store.incident(INCIDENT_ID).orElseThrow();
            assertThat(List.of(incident.lastTime(), incident.alertCnt(), incident.activeAlertCnt(),
                    incident.alertEventCnt(), incident.lastMergeTime(), incident.updatedAt()))
                    .containsExactly(165L, 3L, 2L, 9L, 150L, 175L);
            assertThat(incident.dedupKey()).isEqualTo("host=h");
        }
    }
}
