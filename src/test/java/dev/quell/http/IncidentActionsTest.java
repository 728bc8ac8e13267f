package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Incident actions through the Open API: ack, unack, resolve, reopen, comment, and the timeline they leave. */
class IncidentActionsTest {
    private static final AtomicInteger KEYS = new AtomicInteger();

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    /** Pushes a new alert; returns [alert_key, incident_id]. */
    private static String[] openIncident() {
        String key = "action-" + KEYS.incrementAndGet();
        assertThat(quell.push("{\"event_status\":\"Critical\",\"alert_key\":\"" + key
                + "\",\"title_rule\":\"db down\"}").status()).isEqualTo(200);
        long now = System.currentTimeMillis() / 1000;
        JsonNode alert = quell.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + key + "\"]}").data().path("items").get(0);
        return new String[] {key, alert.path("incident").path("incident_id").asText()};
    }

    private static JsonNode incident(String id) {
        return quell.openApi("/incident/info", "{\"incident_id\":\"" + id + "\"}").data();
    }

    private static Reply act(String path, String id, String extra) {
        return quell.openApi(path, "{\"incident_ids\":[\"" + id + "\"]" + extra + "}");
    }

    private static List<String> feedTypes(String id) {
        List<String> types = new ArrayList<>();
        quell.openApi("/incident/feed", "{\"incident_id\":\"" + id + "\",\"limit\":100}").data().path("items")
                .forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    @Test
    void ackThenUnackMovesProgressAndWritesTheTimeline() {
        String id = openIncident()[1];

        Reply ack = act("/incident/ack", id, "");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.data().isObject()).isTrue();
        assertThat(incident(id).path("progress").asText()).isEqualTo("Processing");
        assertThat(incident(id).path("ack_time").asLong()).isPositive();

        assertThat(act("/incident/unack", id, "").status()).isEqualTo(200);
        assertThat(incident(id).path("progress").asText()).isEqualTo("Triggered");
        assertThat(feedTypes(id)).containsExactly("i_new", "i_ack", "i_unack");
    }

    @Test
    void resolvingClosesTheIncidentAndItsAlertThenANewTriggerOpensAFreshOne() {
        String[] opened = openIncident();
        String id = opened[1];

        assertThat(act("/incident/resolve", id, ",\"root_cause\":\"disk\",\"resolution\":\"cleaned\"").status())
                .isEqualTo(200);

        JsonNode resolved = incident(id);
        assertThat(resolved.path("progress").asText()).isEqualTo("Closed");
        assertThat(resolved.path("incident_status").asText()).isEqualTo("Ok");
        assertThat(resolved.path("root_cause").asText()).isEqualTo("disk");
        assertThat(resolved.path("resolution").asText()).isEqualTo("cleaned");
        JsonNode alerts = quell.openApi("/incident/alert/list", "{\"incident_id\":\"" + id + "\"}").data();
        assertThat(alerts.path("items").get(0).path("alert_status").asText()).isEqualTo("Ok");

        quell.push("{\"event_status\":\"Critical\",\"alert_key\":\"" + opened[0] + "\",\"title_rule\":\"db down\"}");
        long now = System.currentTimeMillis() / 1000;
        JsonNode both = quell.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + opened[0] + "\"]}").data();
        assertThat(both.path("total").asLong()).as("a new alert for the same key").isEqualTo(2);
        assertThat(both.path("items").get(0).path("incident").path("incident_id").asText()).isNotEqualTo(id);
    }

    @Test
    void reopeningAClosedIncidentMakesItTriggeredWithATimelineEntry() {
        String id = openIncident()[1];
        act("/incident/resolve", id, "");

        assertThat(act("/incident/reopen", id, ",\"reason\":\"not fixed\"").status()).isEqualTo(200);

        JsonNode reopened = incident(id);
        assertThat(reopened.path("progress").asText()).isEqualTo("Triggered");
        assertThat(reopened.path("close_time").asLong()).isZero();
        assertThat(feedTypes(id)).containsExactly("i_new", "i_rslv", "i_reopen");
    }

    @Test
    void aCommentShowsInTheFeedWithItsText() {
        String id = openIncident()[1];

        assertThat(act("/incident/comment", id, ",\"comment\":\"on it\"").status()).isEqualTo(200);

        JsonNode feed = quell.openApi("/incident/feed", "{\"incident_id\":\"" + id + "\",\"asc\":false}").data();
        assertThat(feed.path("items").get(0).path("type").asText()).isEqualTo("i_comm");
        assertThat(feed.path("items").get(0).path("detail").path("comment").asText()).isEqualTo("on it");
        assertThat(feed.path("items").get(0).path("actor").asText()).isEqualTo("api");
    }

    @Test
    void snoozeSetsSnoozedBeforeAndWakeClearsIt() {
        String id = openIncident()[1];
        long before = System.currentTimeMillis() / 1000;

        assertThat(act("/incident/snooze", id, ",\"minutes\":30").status()).isEqualTo(200);
        long snoozedBefore = incident(id).path("snoozed_before").asLong();
        assertThat(snoozedBefore).isBetween(before + 1800, System.currentTimeMillis() / 1000 + 1800);

        assertThat(act("/incident/wake", id, "").status()).isEqualTo(200);
        assertThat(incident(id).path("snoozed_before").asLong()).isZero();
        assertThat(feedTypes(id)).containsExactly("i_new", "i_snooze", "i_wake");
    }

    @Test
    void snoozeMinutesMustBeOneToADay() {
        String id = openIncident()[1];

        assertThat(act("/incident/snooze", id, "").errorMessage()).contains("minutes");
        assertThat(act("/incident/snooze", id, ",\"minutes\":0").errorMessage()).contains("1440");
        assertThat(act("/incident/snooze", id, ",\"minutes\":1441").errorMessage()).contains("1440");
    }

    @Test
    void resetEditsTheTitleAndSeverityWithTimelineEntries() {
        String id = openIncident()[1];

        Reply reply = quell.openApi("/incident/reset", "{\"incident_id\":\"" + id
                + "\",\"title\":\"primary db down\",\"incident_severity\":\"Warning\"}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode edited = incident(id);
        assertThat(edited.path("title").asText()).isEqualTo("primary db down");
        assertThat(edited.path("incident_severity").asText()).isEqualTo("Warning");
        assertThat(feedTypes(id)).containsExactly("i_new", "i_r_title", "i_r_severity");
    }

    @Test
    void resetNeedsAValidFieldAndAKnownIncident() {
        String id = openIncident()[1];

        assertThat(quell.openApi("/incident/reset", "{\"incident_id\":\"" + id + "\"}").errorMessage())
                .contains("at least one");
        assertThat(quell.openApi("/incident/reset", "{\"incident_id\":\"" + id + "\",\"title\":\"ab\"}")
                .errorMessage()).contains("title").contains("3");
        assertThat(quell.openApi("/incident/reset", "{\"incident_id\":\"" + id
                + "\",\"incident_severity\":\"Ok\"}").errorMessage()).contains("incident_severity");
        assertThat(quell.openApi("/incident/reset",
                "{\"incident_id\":\"bbbbbbbbbbbbbbbbbbbbbbbb\",\"title\":\"abc\"}").errorMessage())
                .contains("bbbbbbbbbbbbbbbbbbbbbbbb");
    }

    @Test
    void anIncidentCreatedByHandIsTriggeredWithNoAlertsUntilResolved() {
        Reply created = quell.openApi("/incident/create",
                "{\"incident_severity\":\"Critical\",\"title\":\"payments degraded\",\"channel_id\":1}");

        assertThat(created.status()).isEqualTo(200);
        String id = created.data().path("incident_id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(created.data().path("title").asText()).isEqualTo("payments degraded");
        JsonNode incident = incident(id);
        assertThat(incident.path("progress").asText()).isEqualTo("Triggered");
        assertThat(incident.path("incident_severity").asText()).isEqualTo("Critical");
        assertThat(incident.path("alert_cnt").asLong()).isZero();
        assertThat(incident.path("channel_id").asLong()).isEqualTo(1);

        assertThat(act("/incident/resolve", id, "").status()).isEqualTo(200);
        assertThat(incident(id).path("progress").asText()).isEqualTo("Closed");
    }

    @Test
    void creatingAnIncidentNeedsASeverityAndAKnownChannel() {
        assertThat(quell.openApi("/incident/create", "{\"title\":\"x\"}").errorMessage())
                .contains("incident_severity");
        assertThat(quell.openApi("/incident/create", "{\"incident_severity\":\"Info\",\"channel_id\":999}")
                .errorMessage()).contains("999");
    }

    @Test
    void mergingMovesAlertsIncludingClosedOnesAndClosesTheSources() {
        String target = openIncident()[1];
        String[] source = openIncident();
        String closedSource = openIncident()[1];
        act("/incident/resolve", closedSource, "");

        Reply merged = quell.openApi("/incident/merge", "{\"target_incident_id\":\"" + target
                + "\",\"source_incident_ids\":[\"" + source[1] + "\",\"" + closedSource
                + "\"],\"comment\":\"one outage\"}");

        assertThat(merged.status()).isEqualTo(200);
        JsonNode info = incident(target);
        assertThat(info.path("alert_cnt").asLong()).isEqualTo(3);
        assertThat(info.path("active_alert_cnt").asLong()).isEqualTo(2);
        assertThat(quell.openApi("/incident/alert/list", "{\"incident_id\":\"" + target + "\"}").data()
                .path("total").asLong()).as("closed alerts move too").isEqualTo(3);
        assertThat(incident(source[1]).path("progress").asText()).isEqualTo("Closed");
        assertThat(feedTypes(target)).containsExactly("i_new", "i_merge");
        assertThat(feedTypes(source[1])).containsExactly("i_new", "i_merge");
    }

    @Test
    void mergeNeedsAnOpenTargetAndKnownSources() {
        String target = openIncident()[1];
        String source = openIncident()[1];
        act("/incident/resolve", target, "");

        assertThat(quell.openApi("/incident/merge", "{\"target_incident_id\":\"" + target
                + "\",\"source_incident_ids\":[\"" + source + "\"]}").errorMessage()).contains("closed");
        String open = openIncident()[1];
        assertThat(quell.openApi("/incident/merge", "{\"target_incident_id\":\"" + open
                + "\",\"source_incident_ids\":[\"cccccccccccccccccccccccc\"]}").errorMessage())
                .contains("cccccccccccccccccccccccc");
        assertThat(incident(source).path("progress").asText()).isEqualTo("Triggered");
    }

    private static List<String> alertFeedTypes(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        String alertId = quell.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").get(0).path("alert_id").asText();
        List<String> types = new ArrayList<>();
        quell.openApi("/alert/feed", "{\"alert_id\":\"" + alertId + "\"}").data().path("items")
                .forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    @Test
    void theAlertFeedTellsItsLifeFromItsEvents() {
        String key = openIncident()[0];
        quell.push("{\"event_status\":\"Warning\",\"alert_key\":\"" + key + "\",\"title_rule\":\"db down\"}");
        quell.push("{\"event_status\":\"Warning\",\"alert_key\":\"" + key + "\",\"title_rule\":\"db down\"}");
        quell.push("{\"event_status\":\"Ok\",\"alert_key\":\"" + key + "\",\"title_rule\":\"db down\"}");

        assertThat(alertFeedTypes(key)).as("the repeat is not an entry").containsExactly("a_new", "a_update", "a_close");
    }

    @Test
    void anAlertClosedWithItsIncidentEndsItsFeedWithAClose() {
        String[] opened = openIncident();
        act("/incident/resolve", opened[1], "");

        assertThat(alertFeedTypes(opened[0])).containsExactly("a_new", "a_close");
    }

    @Test
    void aRemovedIncidentIsGoneWithItsAlertsAndItsKeyStartsAfresh() {
        String[] opened = openIncident();
        String id = opened[1];

        assertThat(act("/incident/remove", id, "").status()).isEqualTo(200);

        assertThat(quell.openApi("/incident/info", "{\"incident_id\":\"" + id + "\"}").errorMessage()).contains(id);
        long now = System.currentTimeMillis() / 1000;
        String listByKey = "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60) + ",\"alert_keys\":[\""
                + opened[0] + "\"]}";
        assertThat(quell.openApi("/alert/list", listByKey).data().path("total").asLong()).isZero();
        quell.push("{\"event_status\":\"Critical\",\"alert_key\":\"" + opened[0] + "\",\"title_rule\":\"db down\"}");
        JsonNode fresh = quell.openApi("/alert/list", listByKey).data();
        assertThat(fresh.path("total").asLong()).isEqualTo(1);
        assertThat(fresh.path("items").get(0).path("incident").path("incident_id").asText()).isNotEqualTo(id);
    }

    @Test
    void theActionsSurviveARestart(@TempDir Path other) {
        String id;
        try (RunningQuell first = RunningQuell.start(other, 0, 0)) {
            first.push("{\"event_status\":\"Warning\",\"alert_key\":\"restart\",\"title_rule\":\"t\"}");
            long now = System.currentTimeMillis() / 1000;
            id = first.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60) + "}")
                    .data().path("items").get(0).path("incident").path("incident_id").asText();
            first.openApi("/incident/ack", "{\"incident_ids\":[\"" + id + "\"]}");
        }
        try (RunningQuell second = RunningQuell.start(other, 0, 0)) {
            assertThat(second.openApi("/incident/info", "{\"incident_id\":\"" + id + "\"}").data()
                    .path("progress").asText()).isEqualTo("Processing");
            assertThat(second.openApi("/incident/unack", "{\"incident_ids\":[\"" + id + "\"]}").status()).isEqualTo(200);
            assertThat(second.openApi("/incident/info", "{\"incident_id\":\"" + id + "\"}").data()
                    .path("progress").asText()).isEqualTo("Triggered");
        }
    }

    @Test
    void anUnknownIdIsInvalidParameterAndTheOthersAreUntouched() {
        String id = openIncident()[1];

        Reply reply = quell.openApi("/incident/ack",
                "{\"incident_ids\":[\"" + id + "\",\"aaaaaaaaaaaaaaaaaaaaaaaa\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).contains("aaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(incident(id).path("progress").asText()).isEqualTo("Triggered");
    }

    @Test
    void malformedActionRequestsAreInvalidParameter() {
        assertThat(quell.openApi("/incident/ack", "{}").errorMessage()).contains("incident_ids");
        assertThat(quell.openApi("/incident/ack", "{\"incident_ids\":[\"nope\"]}").errorMessage())
                .contains("24-hex");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("\"" + String.format("%024x", i) + "\"");
        }
        assertThat(quell.openApi("/incident/ack", "{\"incident_ids\":[" + String.join(",", tooMany) + "]}")
                .errorMessage()).contains("100");
        String id = openIncident()[1];
        assertThat(act("/incident/comment", id, "").errorMessage()).contains("comment");
        assertThat(act("/incident/resolve", id, ",\"root_cause\":\"" + "x".repeat(1025) + "\"").errorMessage())
                .contains("root_cause").contains("1024");
    }
}
