package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListByIdsTest {
    @TempDir
    static Path data;
    private static RunningQuell quell;
    private static final List<String> ALERT_IDS = new ArrayList<>();
    private static final List<String> INCIDENT_IDS = new ArrayList<>();

    @BeforeAll
    static void start() {
        quell = RunningQuell.start(data, 0, 0);
        for (int i = 0; i < 3; i++) {
            quell.push("{\"event_status\":\"Info\",\"alert_key\":\"by-id-" + i + "\",\"title_rule\":\"t" + i + "\"}");
        }
        long now = System.currentTimeMillis() / 1000;
        quell.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60) + ",\"asc\":true}")
                .data().path("items").forEach(a -> {
                    ALERT_IDS.add(a.path("alert_id").asText());
                    INCIDENT_IDS.add(a.path("incident").path("incident_id").asText());
                });
    }

    @AfterAll
    static void stop() {
        quell.close();
    }

    private static List<String> ids(Reply reply, String field) {
        List<String> ids = new ArrayList<>();
        reply.data().path("items").forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    @Test
    void alertsComeBackInTheOrderAskedWithUnknownIdsLeftOut() {
        Reply reply = quell.openApi("/alert/list-by-ids", "{\"alert_ids\":[\"" + ALERT_IDS.get(2)
                + "\",\"dddddddddddddddddddddddd\",\"" + ALERT_IDS.get(0) + "\"]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply, "alert_id")).containsExactly(ALERT_IDS.get(2), ALERT_IDS.get(0));
        assertThat(reply.data().path("total").asLong()).isEqualTo(2);
    }

    @Test
    void incidentsComeBackInTheOrderAsked() {
        Reply reply = quell.openApi("/incident/list-by-ids", "{\"incident_ids\":[\"" + INCIDENT_IDS.get(1)
                + "\",\"" + INCIDENT_IDS.get(0) + "\"]}");

        JsonNode first = reply.data().path("items").get(0);
        assertThat(ids(reply, "incident_id")).containsExactly(INCIDENT_IDS.get(1), INCIDENT_IDS.get(0));
        assertThat(first.path("progress").asText()).isEqualTo("Triggered");
    }

    @Test
    void theIdListMustHoldOneToAHundredObjectIds() {
        assertThat(quell.openApi("/alert/list-by-ids", "{\"alert_ids\":[]}").errorMessage()).contains("alert_ids");
        assertThat(quell.openApi("/incident/list-by-ids", "{\"incident_ids\":[\"x\"]}").errorMessage())
                .contains("24-hex");
    }
}
