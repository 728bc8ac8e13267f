package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code /enrichment/upsert|info|list} over a real socket. */
class EnrichmentApiTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long integrationId(String key) {
        return quell.server().catalog().integrationByKey(key).orElseThrow().integrationId();
    }

    @Test
    void enrichmentAddsAndDropsLabelsOfPushedEventsAndIsEchoed() {
        String key = quell.integrationKeyIn(quell.createChannel("{\"channel_name\":\"enriched\"}"));
        long integration = integrationId(key);
        String rules = "[{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"labels.instance\","
                + "\"pattern\":\"^(?P<result>[^:]+)\",\"result_label\":\"host\"}},"
                + "{\"kind\":\"composition\",\"if\":[{\"key\":\"labels.env\",\"oper\":\"IN\",\"vals\":[\"prod\"]}],"
                + "\"settings\":{\"template\":\"{{.labels.env}}-{{.labels.host}}\",\"result_label\":\"where\"}},"
                + "{\"kind\":\"drop\",\"settings\":{\"drop_labels\":[\"instance\"]}}]";
        Reply upsert = quell.openApi("/enrichment/upsert", "{\"integration_id\":" + integration + ",\"rules\":"
                + rules + "}");
        assertThat(upsert.status()).as(upsert.body().toString()).isEqualTo(200);

        quell.push(key, "{\"title_rule\":\"down\",\"event_status\":\"Warning\",\"alert_key\":\"e-1\","
                + "\"labels\":{\"instance\":\"db-1:9100\",\"env\":\"prod\"}}");

        long now = System.currentTimeMillis() / 1000;
        JsonNode labels = quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":"
                + (now + 60) + ",\"alert_keys\":[\"e-1\"]}").data().path("items").get(0).path("labels");
        assertThat(labels.path("host").asText()).isEqualTo("db-1");
        assertThat(labels.path("where").asText()).isEqualTo("prod-db-1");
        assertThat(labels.has("instance")).isFalse();
        JsonNode info = quell.openApi("/enrichment/info", "{\"integration_id\":" + integration + "}").data();
        assertThat(info.path("rules")).hasSize(3);
        assertThat(info.path("rules").get(1).path("if").get(0).path("key").asText()).isEqualTo("labels.env");
        assertThat(quell.openApi("/enrichment/list", "{\"integration_ids\":[" + integration + "]}").data()
                .path("items")).hasSize(1);
    }

    @Test
    void aMappingTableAddsLabelsFromItsRowsAndCannotBeDeletedWhileUsed() {
        String key = quell.integrationKeyIn(quell.createChannel("{\"channel_name\":\"mapped\"}"));
        long integration = integrationId(key);
        Reply schema = quell.openApi("/enrichment/mapping/schema/create", "{\"schema_name\":\"CMDB\","
                + "\"source_labels\":[\"host\"],\"result_labels\":[\"owner\",\"team\"]}");
        assertThat(schema.status()).as(schema.body().toString()).isEqualTo(200);
        String schemaId = schema.data().path("schema_id").asText();
        Reply rows = quell.openApi("/enrichment/mapping/data/upsert", "{\"schema_id\":\"" + schemaId + "\",\"rows\":["
                + "{\"host\":\"db-1\",\"owner\":\"alice\",\"team\":\"storage\"},{\"host\":\"web-1\",\"owner\":\"bob\"}]}");
        assertThat(rows.data().path("row_cnt").asInt()).isEqualTo(2);
        assertThat(quell.openApi("/enrichment/upsert", "{\"integration_id\":" + integration + ",\"rules\":[{\"kind\":"
                + "\"mapping\",\"settings\":{\"schema_id\":\"" + schemaId + "\"}}]}").status()).isEqualTo(200);

        quell.push(key, "{\"title_rule\":\"down\",\"event_status\":\"Warning\",\"alert_key\":\"m-1\","
                + "\"labels\":{\"host\":\"db-1\"}}");

        long now = System.currentTimeMillis() / 1000;
        JsonNode labels = quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":"
                + (now + 60) + ",\"alert_keys\":[\"m-1\"]}").data().path("items").get(0).path("labels");
        assertThat(labels.path("owner").asText()).isEqualTo("alice");
        assertThat(labels.path("team").asText()).isEqualTo("storage");
        assertThat(quell.openApi("/enrichment/mapping/schema/info", "{\"schema_id\":\"" + schemaId + "\"}").data()
                .path("row_cnt").asInt()).isEqualTo(2);
        assertThat(quell.openApi("/enrichment/mapping/schema/delete", "{\"schema_id\":\"" + schemaId + "\"}")
                .errorMessage()).contains("used by the enrichment");
        assertThat(quell.openApi("/enrichment/mapping/data/upsert", "{\"schema_id\":\"" + schemaId + "\",\"rows\":["
                + "{\"owner\":\"x\"}]}").errorMessage()).contains("rows[0].host");
        assertThat(quell.openApi("/enrichment/mapping/schema/create", "{\"schema_name\":\"bad\","
                + "\"source_labels\":[\"host\"],\"result_labels\":[\"host\"]}").errorMessage()).contains("share");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"kind\":\"mapping\",\"settings\":{\"result_labels\":[\"owner\"]}}]|rules[0].settings.schema_id",
            "[{\"kind\":\"mapping\",\"settings\":{\"schema_id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\"}}]|is not a mapping table",
            "[{\"kind\":\"mapping\",\"settings\":{\"mapping_type\":\"api\",\"api_id\":\"x\"}}]|mapping_type",
            "[{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"title\",\"pattern\":\"(\",\"result_label\":\"x\"}}]|rules[0].settings.pattern",
            "[{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"host\",\"pattern\":\"a\",\"result_label\":\"x\"}}]|rules[0].settings.source_field",
            "[{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"title\",\"pattern\":\"a\",\"result_label\":\"Bad Name\"}}]|rules[0].settings.result_label",
            "[{\"kind\":\"composition\",\"settings\":{\"result_label\":\"x\"}}]|rules[0].settings.template",
            "[{\"kind\":\"drop\",\"settings\":{}}]|rules[0].settings.drop_labels",
            "[{\"kind\":\"rename\"}]|rules[0].kind",
    })
    void invalidEnrichmentIsRefusedNamingTheField(String rules, String expected) {
        long integration = integrationId(quell.defaultIntegrationKey());
        Reply reply = quell.openApi("/enrichment/upsert", "{\"integration_id\":" + integration + ",\"rules\":" + rules
                + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains(expected);
    }
}
