package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code /alert/pipeline/*} over a real socket. */
class PipelineApiTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long integrationId(String key) {
        return quell.server().catalog().integrationByKey(key).orElseThrow().integrationId();
    }

    private static JsonNode alert(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        return quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").path(0);
    }

    @Test
    void aPipelineRewritesAndDropsPushedEventsAndIsEchoed() {
        String key = quell.integrationKeyIn(quell.createChannel("{\"channel_name\":\"piped\"}"));
        long integration = integrationId(key);
        String rules = "[{\"kind\":\"alert_drop\",\"if\":[[{\"key\":\"labels.env\",\"oper\":\"IN\",\"vals\":[\"test\"]}]]},"
                + "{\"kind\":\"title_reset\",\"settings\":{\"title\":\"[TPL]{{.Labels.host}}: {{.Title}}\"}},"
                + "{\"kind\":\"severity_reset\",\"if\":[[{\"key\":\"labels.host\",\"oper\":\"IN\",\"vals\":[\"db-*\"]}]],"
                + "\"settings\":{\"severity\":\"Critical\"}}]";
        Reply upsert = quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + integration + ",\"rules\":"
                + rules + "}");
        assertThat(upsert.status()).as(upsert.body().toString()).isEqualTo(200);

        quell.push(key, "{\"title_rule\":\"disk full\",\"event_status\":\"Info\",\"alert_key\":\"p-1\","
                + "\"labels\":{\"host\":\"db-1\"}}");
        quell.push(key, "{\"title_rule\":\"disk full\",\"event_status\":\"Info\",\"alert_key\":\"p-2\","
                + "\"labels\":{\"host\":\"db-2\",\"env\":\"test\"}}");

        assertThat(alert("p-1").path("title").asText()).isEqualTo("db-1: disk full");
        assertThat(alert("p-1").path("alert_severity").asText()).isEqualTo("Critical");
        assertThat(alert("p-2").isMissingNode()).isTrue();
        JsonNode stored = quell.openApi("/alert/event/list", "{\"alert_id\":\"" + alert("p-1").path("alert_id").asText()
                + "\"}").data().path("items").get(0);
        assertThat(stored.path("rewrites").toString()).isEqualTo("[\"pipeline:" + integration + ":1 title_reset\","
                + "\"pipeline:" + integration + ":2 severity_reset\"]");
        JsonNode feed = quell.openApi("/alert/feed", "{\"alert_id\":\"" + alert("p-1").path("alert_id").asText()
                + "\"}").data().path("items").get(0);
        assertThat(feed.path("detail").path("rewrites").asText()).contains("title_reset");
        JsonNode info = quell.openApi("/alert/pipeline/info", "{\"integration_id\":" + integration + "}").data();
        assertThat(info.path("rules")).hasSize(3);
        assertThat(info.path("rules").get(1).path("settings").path("title").asText())
                .isEqualTo("[TPL]{{.Labels.host}}: {{.Title}}");
        assertThat(quell.openApi("/alert/pipeline/list", "{\"integration_ids\":[" + integration + ",424242]}").data()
                .path("items")).hasSize(1);

        quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + integration + ",\"rules\":[]}");
        quell.push(key, "{\"title_rule\":\"disk full\",\"event_status\":\"Info\",\"alert_key\":\"p-3\","
                + "\"labels\":{\"host\":\"db-3\",\"env\":\"test\"}}");
        assertThat(alert("p-3").path("title").asText()).isEqualTo("disk full");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"rules\":null|rules is required",
            "\"rules\":[{\"kind\":\"rename\"}]|rules[0].kind",
            "\"rules\":[{\"kind\":\"title_reset\",\"settings\":{}}]|rules[0].settings.title",
            "\"rules\":[{\"kind\":\"severity_reset\",\"settings\":{\"severity\":\"Ok\"}}]|rules[0].settings.severity",
            "\"rules\":[{\"kind\":\"alert_inhibit\",\"settings\":{\"equals\":[\"labels.host\"]}}]|rules[0].settings.source_filters",
            "\"rules\":[{\"kind\":\"alert_drop\",\"if\":[[{\"key\":\"labels.x\",\"oper\":\"IN\",\"vals\":[\"/(/\"]}]]}]|rules[0].if",
    })
    void invalidPipelinesAreRefusedNamingTheField(String fields, String expected) {
        long integration = integrationId(quell.defaultIntegrationKey());
        Reply reply = quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + integration + "," + fields + "}");

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains(expected);
    }

    @Test
    void moreThanFiftyStepsAreRefused() {
        long integration = integrationId(quell.defaultIntegrationKey());
        String step = "{\"kind\":\"alert_drop\"}";
        Reply reply = quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + integration + ",\"rules\":["
                + String.join(",", java.util.Collections.nCopies(51, step)) + "]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("50");
    }
}
