package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChannelsTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static JsonNode incidentOf(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        String id = quell.openApi("/alert/list", "{\"start_time\":" + (now - 60) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").get(0).path("incident")
                .path("incident_id").asText();
        return quell.openApi("/incident/info", "{\"incident_id\":\"" + id + "\"}").data();
    }

    @Test
    void aCreatedChannelShowsItsSettingsAndUpdatesChangeOnlyWhatIsGiven() {
        long id = quell.createChannel("{\"channel_name\":\"Payments\",\"description\":\"card flows\","
                + "\"auto_resolve_timeout\":3600,\"auto_resolve_mode\":\"update\"}");

        JsonNode info = quell.openApi("/channel/info", "{\"channel_id\":" + id + "}").data();
        assertThat(info.path("channel_name").asText()).isEqualTo("Payments");
        assertThat(info.path("auto_resolve_timeout").asLong()).isEqualTo(3600);
        assertThat(info.path("auto_resolve_mode").asText()).isEqualTo("update");
        assertThat(info.path("disable_auto_close").asBoolean()).isFalse();

        assertThat(quell.openApi("/channel/update", "{\"channel_id\":" + id + ",\"disable_auto_close\":true}")
                .status()).isEqualTo(200);
        JsonNode updated = quell.openApi("/channel/info", "{\"channel_id\":" + id + "}").data();
        assertThat(updated.path("disable_auto_close").asBoolean()).isTrue();
        assertThat(updated.path("channel_name").asText()).isEqualTo("Payments");
        assertThat(updated.path("auto_resolve_timeout").asLong()).isEqualTo(3600);
    }

    @Test
    void inAChannelWithoutAutoCloseARecoveredIncidentStaysOpen() {
        String key = quell.integrationKeyIn(quell.createChannel("{\"channel_name\":\"Manual close\",\"disable_auto_close\":true}"));

        quell.push(key, "{\"event_status\":\"Critical\",\"alert_key\":\"stays\",\"title_rule\":\"t\"}");
        quell.push(key, "{\"event_status\":\"Ok\",\"alert_key\":\"stays\",\"title_rule\":\"t\"}");

        JsonNode incident = incidentOf("stays");
        assertThat(incident.path("progress").asText()).isEqualTo("Triggered");
        assertThat(incident.path("incident_status").asText()).isEqualTo("Ok");
    }

    @Test
    void anIncidentPastItsChannelsAutoResolveTimeoutClosesByItself() {
        String key = quell.integrationKeyIn(quell.createChannel("{\"channel_name\":\"Fast\",\"auto_resolve_timeout\":1}"));

        quell.push(key, "{\"event_status\":\"Warning\",\"alert_key\":\"stale\",\"title_rule\":\"t\"}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(incidentOf("stale").path("progress").asText()).isEqualTo("Closed"));
        JsonNode incident = incidentOf("stale");
        JsonNode feed = quell.openApi("/incident/feed", "{\"incident_id\":\"" + incident.path("incident_id").asText()
                + "\"}").data();
        assertThat(feed.path("items").get(1).path("type").asText()).isEqualTo("i_rslv");
        assertThat(feed.path("items").get(1).path("detail").path("from").asText()).isEqualTo("autorslv");
    }

    @Test
    void invalidSettingsAreInvalidParameterNamingTheField() {
        assertThat(quell.openApi("/channel/create", "{}").errorMessage()).contains("channel_name");
        assertThat(quell.openApi("/channel/create", "{\"channel_name\":\"" + "x".repeat(60) + "\"}").errorMessage())
                .contains("channel_name").contains("59");
        assertThat(quell.openApi("/channel/create", "{\"channel_name\":\"a\",\"auto_resolve_timeout\":2592001}")
                .errorMessage()).contains("auto_resolve_timeout");
        assertThat(quell.openApi("/channel/create", "{\"channel_name\":\"a\",\"auto_resolve_mode\":\"later\"}")
                .errorMessage()).contains("auto_resolve_mode");
        assertThat(quell.openApi("/channel/create", "{\"channel_name\":\"a\",\"group\":{\"method\":\"p\"}}")
                .errorMessage()).contains("group.equals");
        assertThat(quell.openApi("/channel/create", "{\"channel_name\":\"a\",\"flapping\":{\"max_changes\":1}}")
                .errorMessage()).contains("flapping.max_changes");
        assertThat(quell.openApi("/channel/update", "{\"channel_id\":4242,\"channel_name\":\"a\"}").errorMessage())
                .contains("4242");
    }
}
