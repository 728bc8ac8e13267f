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

/** {@code /channel/silence/rule/*} and {@code /incident/quick-silence} over a real socket. */
class SilenceRulesApiTest {
    private static final String HOST_DB1 = "[[{\"key\":\"labels.host\",\"oper\":\"IN\",\"vals\":[\"db-1\"]}]]";

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static long channel() {
        return quell.createChannel("{\"channel_name\":\"quiet " + System.nanoTime() + "\"}");
    }

    private static String create(long channel, String fields) {
        Reply reply = quell.openApi("/channel/silence/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"maintenance\"," + fields + "}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data().path("rule_id").asText();
    }

    private static String onceAroundNow() {
        return "\"time_filter\":{\"start_time\":" + (now() - 60) + ",\"end_time\":" + (now() + 3600) + "}";
    }

    private static void push(String key, String alertKey, String host) {
        Reply reply = quell.push(key, "{\"title_rule\":\"disk full\",\"event_status\":\"Warning\",\"alert_key\":\""
                + alertKey + "\",\"labels\":{\"host\":\"" + host + "\",\"pid\":\"4242\"}}");
        assertThat(reply.status()).isEqualTo(200);
    }

    private static JsonNode alert(String alertKey) {
        return quell.openApi("/alert/list", "{\"start_time\":" + (now() - 3600) + ",\"end_time\":" + (now() + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").path(0);
    }

    private static JsonNode rules(long channel) {
        return quell.openApi("/channel/silence/rule/list", "{\"channel_id\":" + channel + "}").data().path("items");
    }

    @Test
    void aKeepingSilenceMarksTheAlertAndItsIncidentAndTheFeedsSayWhy() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        String ruleId = create(channel, "\"filters\":" + HOST_DB1 + "," + onceAroundNow());

        push(key, "k-1", "db-1");
        push(key, "k-2", "db-2");

        JsonNode silenced = alert("k-1");
        assertThat(silenced.path("ever_muted").asBoolean()).isTrue();
        assertThat(alert("k-2").path("ever_muted").asBoolean()).isFalse();
        String incidentId = silenced.path("incident").path("incident_id").asText();
        assertThat(quell.openApi("/incident/info", "{\"incident_id\":\"" + incidentId + "\"}").data()
                .path("ever_muted").asBoolean()).isTrue();
        List<String> types = new ArrayList<>();
        quell.openApi("/incident/feed", "{\"incident_id\":\"" + incidentId + "\"}").data().path("items")
                .forEach(item -> types.add(item.path("type").asText()));
        assertThat(types).containsExactly("i_new", "a_m_silence");
        List<String> alertFeed = new ArrayList<>();
        quell.openApi("/alert/feed", "{\"alert_id\":\"" + silenced.path("alert_id").asText() + "\"}").data()
                .path("items").forEach(item -> alertFeed.add(item.path("type").asText() + " "
                        + item.path("detail").path("rule_id").asText()));
        assertThat(alertFeed).containsExactly("a_new ", "a_m_silence " + ruleId);
        JsonNode rule = rules(channel).get(0);
        assertThat(rule.path("rule_id").asText()).isEqualTo(ruleId);
        assertThat(rule.path("is_effective").asBoolean()).isTrue();
        assertThat(rule.path("events_cnt").asLong()).isEqualTo(1);
        assertThat(rule.path("is_directly_discard").asBoolean()).isFalse();
    }

    @Test
    void aDiscardingSilenceLeavesNoAlertAndAWindowInThePastSilencesNothing() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        create(channel, "\"filters\":" + HOST_DB1 + "," + onceAroundNow() + ",\"is_directly_discard\":true");
        create(channel, "\"filters\":[[{\"key\":\"labels.host\",\"oper\":\"IN\",\"vals\":[\"db-2\"]}]],"
                + "\"time_filter\":{\"start_time\":" + (now() - 7200) + ",\"end_time\":" + (now() - 3600) + "}");

        push(key, "d-1", "db-1");
        push(key, "d-2", "db-2");

        assertThat(alert("d-1").isMissingNode()).isTrue();
        assertThat(alert("d-2").path("ever_muted").asBoolean()).isFalse();
    }

    @Test
    void aWeeklySilenceEchoesItsSlotsAndZone() {
        long channel = channel();
        create(channel, "\"filters\":" + HOST_DB1 + ",\"time_filters\":[{\"start\":\"22:00\",\"end\":\"06:00\","
                + "\"repeat\":[6,0]}],\"time_zone\":\"Europe/Berlin\"");

        JsonNode rule = rules(channel).get(0);
        assertThat(rule.path("time_filters").get(0).path("start").asText()).isEqualTo("22:00");
        assertThat(rule.path("time_filters").get(0).path("repeat").toString()).isEqualTo("[0,6]");
        assertThat(rule.path("time_zone").asText()).isEqualTo("Europe/Berlin");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]]|exactly one of time_filter",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filter\":{\"start_time\":10,\"end_time\":20},\"time_filters\":[{\"start\":\"01:00\",\"end\":\"02:00\"}]|exactly one",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filter\":{\"start_time\":20,\"end_time\":10}|time_filter.start_time",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filters\":[{\"start\":\"25:00\",\"end\":\"02:00\"}]|time_filters[0].start",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filters\":[{\"start\":\"01:00\",\"end\":\"02:00\",\"repeat\":[7]}]|time_filters[0].repeat",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filters\":[{\"start\":\"01:00\",\"end\":\"01:00\"}]|start and end must differ",
            "\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"time_filters\":[{\"start\":\"01:00\",\"end\":\"02:00\"}],\"time_zone\":\"Mars/Olympus\"|time_zone",
            "\"time_filter\":{\"start_time\":10,\"end_time\":20}|filters is required",
    })
    void invalidSilenceRulesAreRefusedNamingTheField(String fields, String expected) {
        Reply reply = quell.openApi("/channel/silence/rule/create", "{\"channel_id\":" + channel()
                + ",\"rule_name\":\"x\"," + fields + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains(expected);
    }

    @Test
    void quickSilenceMatchesTheIncidentsSeverityAndTellingLabelsAndRepeatingItEditsTheSameRule() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        push(key, "q-1", "db-1");
        String incidentId = alert("q-1").path("incident").path("incident_id").asText();

        Reply first = quell.openApi("/incident/quick-silence", "{\"incident_id\":\"" + incidentId
                + "\",\"duration\":\"30m\"}");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("end_time").asLong()).isBetween(now() + 1790, now() + 1810);
        Reply again = quell.openApi("/incident/quick-silence", "{\"incident_id\":\"" + incidentId + "\"}");
        assertThat(again.data().path("rule_id").asText()).isEqualTo(first.data().path("rule_id").asText());
        assertThat(again.data().path("end_time").asLong()).as("the default is a day").isGreaterThan(now() + 86_000);

        JsonNode rule = rules(channel).get(0);
        assertThat(rules(channel)).hasSize(1);
        assertThat(rule.path("from_incident_id").asText()).isEqualTo(incidentId);
        assertThat(rule.path("rule_name").asText()).startsWith("Quick Silence - #");
        assertThat(rule.path("filters").toString()).contains("\"key\":\"severity\"").contains("\"Warning\"")
                .contains("\"labels.host\"").doesNotContain("labels.pid");

        push(key, "q-2", "db-1");
        assertThat(alert("q-2").path("ever_muted").asBoolean()).isTrue();
        assertThat(quell.openApi("/incident/quick-silence", "{\"incident_id\":\"" + incidentId
                + "\",\"duration\":\"2h\"}").errorMessage()).contains("duration");
        assertThat(quell.openApi("/incident/quick-silence", "{\"incident_id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\"}")
                .errorMessage()).contains("aaaaaaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void silenceRulesCanBeUpdatedDisabledAndDeleted() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        String ruleId = create(channel, "\"filters\":" + HOST_DB1 + "," + onceAroundNow());
        String ids = "{\"channel_id\":" + channel + ",\"rule_id\":\"" + ruleId + "\"}";

        quell.openApi("/channel/silence/rule/disable", ids);
        push(key, "u-1", "db-1");
        assertThat(alert("u-1").path("ever_muted").asBoolean()).isFalse();

        quell.openApi("/channel/silence/rule/enable", ids);
        assertThat(quell.openApi("/channel/silence/rule/update", "{\"channel_id\":" + channel + ",\"rule_id\":\""
                + ruleId + "\",\"rule_name\":\"drop it\",\"is_directly_discard\":true}").status()).isEqualTo(200);
        push(key, "u-2", "db-1");
        assertThat(alert("u-2").isMissingNode()).isTrue();
        assertThat(rules(channel).get(0).path("time_filter").path("end_time").asLong()).as("window kept")
                .isGreaterThan(now());

        quell.openApi("/channel/silence/rule/delete", ids);
        assertThat(rules(channel)).isEmpty();
        push(key, "u-3", "db-1");
        assertThat(alert("u-3").path("ever_muted").asBoolean()).isFalse();
    }
}
