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

/** {@code /channel/inhibit/rule/*} over a real socket. */
class InhibitRulesApiTest {
    private static final String SOURCE = "[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Critical\"]}]]";
    private static final String TARGET = "[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Warning\",\"Info\"]}]]";

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static void push(String key, String alertKey, String severity, String host) {
        assertThat(quell.push(key, "{\"title_rule\":\"" + alertKey + "\",\"event_status\":\"" + severity
                + "\",\"alert_key\":\"" + alertKey + "\",\"labels\":{\"host\":\"" + host + "\"}}").status())
                .isEqualTo(200);
    }

    private static JsonNode alert(String alertKey) {
        return quell.openApi("/alert/list", "{\"start_time\":" + (now() - 3600) + ",\"end_time\":" + (now() + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").path(0);
    }

    @Test
    void anAlertInhibitedByAnActiveSourceIsMarkedAndItsIncidentSaysWhy() {
        long channel = quell.createChannel("{\"channel_name\":\"inhibit\"}");
        String key = quell.integrationKeyIn(channel);
        Reply created = quell.openApi("/channel/inhibit/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"host down\",\"source_filters\":" + SOURCE + ",\"target_filters\":" + TARGET
                + ",\"equals\":[\"labels.host\"]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

        push(key, "down", "Critical", "web-1");
        push(key, "slow", "Warning", "web-1");
        push(key, "slow-2", "Warning", "web-2");

        JsonNode inhibited = alert("slow");
        assertThat(inhibited.path("ever_muted").asBoolean()).isTrue();
        assertThat(alert("slow-2").path("ever_muted").asBoolean()).isFalse();
        List<JsonNode> feed = new ArrayList<>();
        quell.openApi("/incident/feed", "{\"incident_id\":\"" + inhibited.path("incident").path("incident_id").asText()
                + "\"}").data().path("items").forEach(feed::add);
        assertThat(feed.get(1).path("type").asText()).isEqualTo("a_m_inhibit");
        assertThat(feed.get(1).path("detail").path("source_alert_id").asText())
                .isEqualTo(alert("down").path("alert_id").asText());
        JsonNode rule = quell.openApi("/channel/inhibit/rule/list", "{\"channel_id\":" + channel + "}").data()
                .path("items").get(0);
        assertThat(rule.path("equals").toString()).isEqualTo("[\"labels.host\"]");
        assertThat(rule.path("events_cnt").asLong()).isEqualTo(1);

        quell.openApi("/channel/inhibit/rule/disable", "{\"channel_id\":" + channel + ",\"rule_id\":\""
                + created.data().path("rule_id").asText() + "\"}");
        push(key, "slow-3", "Warning", "web-1");
        assertThat(alert("slow-3").path("ever_muted").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"target_filters\":" + TARGET + ",\"equals\":[\"labels.host\"]|source_filters is required",
            "\"source_filters\":" + SOURCE + ",\"equals\":[\"labels.host\"]|target_filters is required",
            "\"source_filters\":" + SOURCE + ",\"target_filters\":" + TARGET + "|equals is required",
            "\"source_filters\":" + SOURCE + ",\"target_filters\":" + TARGET + ",\"equals\":[\"host\"]|equals: \"host\"",
            "\"source_filters\":[[{\"key\":\"nope\",\"oper\":\"IN\",\"vals\":[\"a\"]}]],\"target_filters\":" + TARGET + ",\"equals\":[\"title\"]|source_filters: filters[0][0]",
    })
    void invalidInhibitRulesAreRefusedNamingTheField(String fields, String expected) {
        long channel = quell.createChannel("{\"channel_name\":\"bad " + System.nanoTime() + "\"}");
        Reply reply = quell.openApi("/channel/inhibit/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"x\"," + fields + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains(expected);
    }
}
