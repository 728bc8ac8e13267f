package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Channels' grouping and flapping settings, their effect on pushed alerts, and moving alerts by hand. */
class GroupingApiTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long createChannel(String settings) {
        return quell.createChannel("{\"channel_name\":\"c" + System.nanoTime() + "\"" + settings + "}");
    }

    private static String push(String key, String alertKey, String title, String service) {
        Reply reply = quell.push(key, "{\"title_rule\":\"" + title + "\",\"event_status\":\"Warning\",\"alert_key\":\""
                + alertKey + "\",\"labels\":{\"service\":\"" + service + "\"}}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return alertKey;
    }

    private static JsonNode alert(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        return quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").get(0);
    }

    private static JsonNode incident(String incidentId) {
        return quell.openApi("/incident/info", "{\"incident_id\":\"" + incidentId + "\"}").data();
    }

    private static List<JsonNode> feed(String path, String idField, String id) {
        List<JsonNode> items = new ArrayList<>();
        quell.openApi(path, "{\"" + idField + "\":\"" + id + "\",\"limit\":100}").data().path("items")
                .forEach(items::add);
        return items;
    }

    @Test
    void ruleBasedGroupingPutsAlertsWithTheSameServiceInOneIncidentAndExplainsWhy() {
        long channel = createChannel(",\"group\":{\"method\":\"p\",\"equals\":[[\"labels.service\"]],"
                + "\"storm_thresholds\":[3]}");
        String key = quell.integrationKeyIn(channel);
        push(key, "p-1", "db down", "orders");
        push(key, "p-2", "api errors", "orders");
        push(key, "p-3", "queue backlog", "orders");
        push(key, "p-4", "db down", "billing");

        JsonNode first = alert("p-1");
        String incidentId = first.path("incident").path("incident_id").asText();
        assertThat(alert("p-2").path("incident").path("incident_id").asText()).isEqualTo(incidentId);
        assertThat(alert("p-4").path("incident").path("incident_id").asText()).isNotEqualTo(incidentId);

        JsonNode info = incident(incidentId);
        assertThat(info.path("alert_cnt").asLong()).isEqualTo(3);
        assertThat(info.path("title").asText()).isEqualTo("db down");
        assertThat(info.path("group_method").asText()).isEqualTo("p");
        assertThat(info.path("dedup_key").asText()).isEqualTo("labels.service=orders");

        List<JsonNode> timeline = feed("/incident/feed", "incident_id", incidentId);
        assertThat(timeline).extracting(e -> e.path("type").asText())
                .containsExactly("i_new", "a_merge", "a_merge", "i_storm");
        assertThat(timeline.get(0).path("detail").path("alert_id").asText()).isEqualTo(first.path("alert_id").asText());
        assertThat(timeline.get(1).path("detail").path("dimensions").asText()).isEqualTo("labels.service=orders");
        assertThat(timeline.get(3).path("detail").path("threshold").asText()).isEqualTo("3");

        List<JsonNode> alertFeed = feed("/alert/feed", "alert_id", alert("p-2").path("alert_id").asText());
        assertThat(alertFeed).extracting(e -> e.path("type").asText()).containsExactly("a_new", "a_merge");
        assertThat(alertFeed.get(1).path("detail").path("dimensions").asText()).isEqualTo("labels.service=orders");
        assertThat(alertFeed.get(1).path("detail").path("incident_id").asText()).isEqualTo(incidentId);
    }

    @Test
    void intelligentGroupingJoinsSimilarAlertsAndShowsTheScore() {
        long channel = createChannel(",\"group\":{\"method\":\"i\",\"i_score_threshold\":0.6}");
        String key = quell.integrationKeyIn(channel);
        push(key, "i-1", "Disk almost full on db-east", "orders");
        push(key, "i-2", "Disk almost full on db-west", "orders");
        push(key, "i-3", "Certificate expires soon", "gateway");

        String incidentId = alert("i-1").path("incident").path("incident_id").asText();
        assertThat(alert("i-2").path("incident").path("incident_id").asText()).isEqualTo(incidentId);
        assertThat(alert("i-3").path("incident").path("incident_id").asText()).isNotEqualTo(incidentId);
        JsonNode reason = feed("/incident/feed", "incident_id", incidentId).get(1).path("detail");
        assertThat(reason.path("method").asText()).isEqualTo("i");
        assertThat(reason.path("score").asDouble()).isGreaterThanOrEqualTo(0.6);
        assertThat(reason.path("matched_alert_id").asText()).isEqualTo(alert("i-1").path("alert_id").asText());
    }

    @Test
    void settingsAreEchoedAndNewChannelsMarkFlappingOnly() {
        long channel = createChannel(",\"group\":{\"method\":\"p\",\"equals\":[[\"labels.service\",\"title\"]],"
                + "\"cases\":[{\"if\":[[{\"key\":\"labels.env\",\"oper\":\"IN\",\"vals\":[\"prod\"]}]],"
                + "\"equals\":[[\"labels.host\"]]}],\"time_window\":30,\"window_type\":\"sliding\","
                + "\"all_equals_required\":true}");
        JsonNode info = quell.openApi("/channel/info", "{\"channel_id\":" + channel + "}").data();
        JsonNode group = info.path("group");
        assertThat(group.path("method").asText()).isEqualTo("p");
        assertThat(group.path("equals").toString()).isEqualTo("[[\"labels.service\",\"title\"]]");
        assertThat(group.path("cases").get(0).path("if").get(0).get(0).path("vals").get(0).asText()).isEqualTo("prod");
        assertThat(group.path("time_window").asInt()).isEqualTo(30);
        assertThat(group.path("window_type").asText()).isEqualTo("sliding");
        assertThat(group.path("all_equals_required").asBoolean()).isTrue();
        JsonNode flapping = info.path("flapping");
        assertThat(flapping.path("is_disabled").asBoolean()).isFalse();
        assertThat(flapping.path("max_changes").asInt()).isEqualTo(4);
        assertThat(flapping.path("in_mins").asInt()).isEqualTo(60);
        assertThat(flapping.path("mute_mins").asInt()).isZero();

        Reply update = quell.openApi("/channel/update", "{\"channel_id\":" + channel + ",\"flapping\":"
                + "{\"max_changes\":6,\"in_mins\":30,\"mute_mins\":120}}");
        assertThat(update.status()).isEqualTo(200);
        JsonNode after = quell.openApi("/channel/info", "{\"channel_id\":" + channel + "}").data();
        assertThat(after.path("flapping").path("mute_mins").asInt()).isEqualTo(120);
        assertThat(after.path("group").path("window_type").asText()).as("untouched by the update").isEqualTo("sliding");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"method\":\"x\"}|group.method",
            "{\"equals\":[[\"title\"]]}|group.method",
            "{\"method\":\"p\"}|group.equals",
            "{\"method\":\"p\",\"equals\":[[\"title\"],[\"title\"],[\"title\"],[\"title\"],[\"title\"],[\"title\"]]}|group.equals",
            "{\"method\":\"p\",\"equals\":[[\"title\",\"description\",\"severity\",\"labels.a\",\"labels.b\",\"labels.c\"]]}|group.equals[0]",
            "{\"method\":\"p\",\"equals\":[[\"host\"]]}|group.equals[0]",
            "{\"method\":\"p\",\"equals\":[[\"labels.\"]]}|group.equals[0]",
            "{\"method\":\"p\",\"equals\":[[]]}|group.equals[0]",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"time_window\":43201}|group.time_window",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"time_window\":-1}|group.time_window",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"window_type\":\"hopping\"}|group.window_type",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"storm_thresholds\":[1]}|group.storm_thresholds[0]",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"storm_thresholds\":[10001]}|group.storm_thresholds[0]",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"storm_thresholds\":[2,3,4,5,6,7]}|group.storm_thresholds",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"storm_threshold\":1}|group.storm_threshold",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"cases\":[{\"equals\":[[\"title\"]]}]}|group.cases[0].if",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"cases\":[{\"if\":[[{\"key\":\"labels.x\",\"oper\":\"IN\",\"vals\":[\"/(/\"]}]],\"equals\":[[\"title\"]]}]}|group.cases[0].if",
            "{\"method\":\"p\",\"equals\":[[\"title\"]],\"cases\":[{\"if\":[[{\"key\":\"labels.x\",\"oper\":\"IN\",\"vals\":[\"a\"]}]]}]}|group.cases[0].equals",
            "{\"method\":\"i\",\"i_score_threshold\":0.4}|group.i_score_threshold",
            "{\"method\":\"i\",\"i_keys\":[\"title\",\"description\",\"severity\",\"labels.a\",\"labels.b\",\"labels.c\",\"labels.d\",\"labels.e\",\"labels.f\",\"labels.g\",\"labels.h\"]}|group.i_keys",
    })
    void invalidGroupSettingsAreRefusedNamingTheField(String group, String field) {
        Reply reply = quell.openApi("/channel/create", "{\"channel_name\":\"bad\",\"group\":" + group + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).contains(field);
    }

    @Test
    void tooManyCasesAreRefused() {
        String oneCase = "{\"if\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"equals\":[[\"title\"]]}";
        String cases = String.join(",", java.util.Collections.nCopies(101, oneCase));
        Reply reply = quell.openApi("/channel/create", "{\"channel_name\":\"bad\",\"group\":{\"method\":\"p\","
                + "\"equals\":[[\"title\"]],\"cases\":[" + cases + "]}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("group.cases").contains("100");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"max_changes\":1}|flapping.max_changes",
            "{\"max_changes\":101}|flapping.max_changes",
            "{\"in_mins\":0}|flapping.in_mins",
            "{\"in_mins\":1441}|flapping.in_mins",
            "{\"mute_mins\":29}|flapping.mute_mins",
            "{\"mute_mins\":1441}|flapping.mute_mins",
            "{\"is_disabled\":\"yes\"}|flapping.is_disabled",
            "[]|flapping",
    })
    void invalidFlappingSettingsAreRefusedNamingTheField(String flapping, String field) {
        Reply reply = quell.openApi("/channel/create", "{\"channel_name\":\"bad\",\"flapping\":" + flapping + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains(field);
    }

    @Test
    void aDisabledOrDeletedChannelRefusesPushes() {
        long channel = createChannel("");
        String key = quell.integrationKeyIn(channel);
        assertThat(quell.openApi("/channel/disable", "{\"channel_id\":" + channel + "}").status()).isEqualTo(200);

        Reply refused = quell.push(key, "{\"title_rule\":\"x\",\"event_status\":\"Warning\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.errorMessage()).contains("disabled");

        quell.openApi("/channel/enable", "{\"channel_id\":" + channel + "}");
        assertThat(quell.push(key, "{\"title_rule\":\"x\",\"event_status\":\"Warning\"}").status()).isEqualTo(200);

        quell.openApi("/channel/delete", "{\"channel_id\":" + channel + "}");
        assertThat(quell.push(key, "{\"title_rule\":\"x\",\"event_status\":\"Warning\"}").status()).isEqualTo(403);
        assertThat(quell.openApi("/channel/list", "{}").data().path("items").toString())
                .doesNotContain("\"channel_id\":" + channel + ",");
        assertThat(quell.openApi("/channel/infos", "{\"channel_ids\":[" + channel + "]}").data().path("items"))
                .isEmpty();
        assertThat(quell.openApi("/channel/enable", "{\"channel_id\":" + channel + "}").errorMessage())
                .contains("deleted");
        assertThat(quell.openApi("/channel/disable", "{\"channel_id\":424242}").errorMessage()).contains("424242");
    }

    @Test
    void infosAnswersTheShortFormOfTheChannelsAsked() {
        long a = createChannel("");
        long b = createChannel("");

        JsonNode items = quell.openApi("/channel/infos", "{\"channel_ids\":[" + b + "," + a + ",999999]}").data()
                .path("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("channel_id").asLong()).isEqualTo(b);
        assertThat(items.get(1).path("status").asText()).isEqualTo("enabled");
        assertThat(quell.openApi("/channel/infos", "{\"channel_ids\":[]}").status()).isEqualTo(400);
    }

    /** The dimensions entries (why an alert joined by grouping) in an incident's feed, as alert ids. */
    private static List<String> joinsInFeed(String incidentId) {
        return feed("/incident/feed", "incident_id", incidentId).stream()
                .filter(e -> e.path("type").asText().equals("a_merge") && e.path("detail").has("dimensions"))
                .map(e -> e.path("detail").path("alert_id").asText()).toList();
    }

    /** A channel grouping by service, with an incident that a second alert joined, and one of another service. */
    private static String[] incidentWithAJoinAndAnother() {
        long channel = createChannel(",\"group\":{\"method\":\"p\",\"equals\":[[\"labels.service\"]]}");
        String key = quell.integrationKeyIn(channel);
        String prefix = "j" + System.nanoTime() + "-";
        push(key, prefix + "1", "db down", "orders");
        push(key, prefix + "2", "api errors", "orders");
        push(key, prefix + "3", "queue backlog", "billing");
        String joined = alert(prefix + "1").path("incident").path("incident_id").asText();
        assertThat(joinsInFeed(joined)).containsExactly(alert(prefix + "2").path("alert_id").asText());
        return new String[] {joined, alert(prefix + "2").path("alert_id").asText(),
                alert(prefix + "3").path("incident").path("incident_id").asText()};
    }

    @Test
    void whyAnAlertJoinedStaysInTheFeedOfTheIncidentItJoinedWhenItIsMergedElsewhere() {
        String[] setUp = incidentWithAJoinAndAnother();

        Reply merged = quell.openApi("/alert/merge", "{\"alert_ids\":[\"" + setUp[1] + "\"],\"incident_id\":\""
                + setUp[2] + "\"}");

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        assertThat(joinsInFeed(setUp[0])).containsExactly(setUp[1]);
        assertThat(joinsInFeed(setUp[2])).isEmpty();
        assertThat(feed("/incident/feed", "incident_id", setUp[2])).extracting(e -> e.path("type").asText())
                .containsExactly("i_new", "a_merge");
    }

    @Test
    void whyAlertsJoinedStaysInTheFeedOfAnIncidentMergedIntoAnother() {
        String[] setUp = incidentWithAJoinAndAnother();

        Reply merged = quell.openApi("/incident/merge", "{\"target_incident_id\":\"" + setUp[2]
                + "\",\"source_incident_ids\":[\"" + setUp[0] + "\"]}");

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        assertThat(joinsInFeed(setUp[0])).containsExactly(setUp[1]);
        assertThat(joinsInFeed(setUp[2])).isEmpty();
    }

    @Test
    void aRemovedIncidentTakesTheReasonsItsAlertsJoinedWithIt() throws Exception {
        String[] setUp = incidentWithAJoinAndAnother();

        assertThat(quell.openApi("/incident/remove", "{\"incident_ids\":[\"" + setUp[0] + "\"]}").status())
                .isEqualTo(200);

        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + quell.dataDir().resolve(dev.quell.store.sqlite.SqliteStore.FILE_NAME));
             java.sql.PreparedStatement count = db.prepareStatement(
                     "SELECT count(*) FROM alert_join WHERE alert_id = ?")) {
            count.setString(1, setUp[1]);
            try (java.sql.ResultSet rows = count.executeQuery()) {
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }

    @Test
    void mergingAnAlertMovesItAndClosesTheIncidentItLeftEmpty() {
        long channel = createChannel("");
        String key = quell.integrationKeyIn(channel);
        push(key, "m-1", "db down", "orders");
        push(key, "m-2", "api errors", "orders");
        String target = alert("m-1").path("incident").path("incident_id").asText();
        String source = alert("m-2").path("incident").path("incident_id").asText();
        String moving = alert("m-2").path("alert_id").asText();

        Reply merged = quell.openApi("/alert/merge", "{\"alert_ids\":[\"" + moving + "\"],\"incident_id\":\"" + target
                + "\",\"comment\":\"same outage\"}");

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        assertThat(alert("m-2").path("incident").path("incident_id").asText()).isEqualTo(target);
        assertThat(incident(target).path("alert_cnt").asLong()).isEqualTo(2);
        assertThat(incident(target).path("active_alert_cnt").asLong()).isEqualTo(2);
        assertThat(incident(source).path("progress").asText()).isEqualTo("Closed");
        assertThat(incident(source).path("alert_cnt").asLong()).isZero();
        JsonNode entry = feed("/incident/feed", "incident_id", target).get(1);
        assertThat(entry.path("type").asText()).isEqualTo("a_merge");
        assertThat(entry.path("detail").path("from_incident").asText()).isEqualTo(source);
        assertThat(entry.path("detail").path("comment").asText()).isEqualTo("same outage");
    }

    @Test
    void mergingAlertsIntoAnUnknownOrClosedIncidentOrUnknownAlertsIsRefused() {
        long channel = createChannel("");
        String key = quell.integrationKeyIn(channel);
        push(key, "r-1", "db down", "orders");
        String incidentId = alert("r-1").path("incident").path("incident_id").asText();
        String alertId = alert("r-1").path("alert_id").asText();

        assertThat(quell.openApi("/alert/merge", "{\"alert_ids\":[\"" + alertId + "\"],\"incident_id\":\""
                + "aaaaaaaaaaaaaaaaaaaaaaaa\"}").errorMessage()).contains("aaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(quell.openApi("/alert/merge", "{\"alert_ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbb\"],\"incident_id\":\""
                + incidentId + "\"}").errorMessage()).contains("alert_id bbbbbbbbbbbbbbbbbbbbbbbb does not exist");
        assertThat(quell.openApi("/alert/merge", "{\"alert_ids\":[],\"incident_id\":\"" + incidentId + "\"}")
                .errorMessage()).contains("alert_ids");
        quell.openApi("/incident/resolve", "{\"incident_ids\":[\"" + incidentId + "\"]}");
        assertThat(quell.openApi("/alert/merge", "{\"alert_ids\":[\"" + alertId + "\"],\"incident_id\":\""
                + incidentId + "\"}").errorMessage()).contains("closed");
    }
}
