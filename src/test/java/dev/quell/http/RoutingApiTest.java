package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared integrations (no channel) and their routes ({@code /route/*}), over a real socket. */
class RoutingApiTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static JsonNode sharedIntegration(String name) {
        Reply reply = quell.openApi("/integration/create", "{\"integration_name\":\"" + name + "\",\"channel_id\":0}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.data();
    }

    private static Reply push(String key, String alertKey, String severity, String team) {
        return quell.push(key, "{\"title_rule\":\"t\",\"event_status\":\"" + severity + "\",\"alert_key\":\"" + alertKey
                + "\",\"labels\":{\"team\":\"" + team + "\"}}");
    }

    private static List<Long> channelsOf(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        List<Long> channels = new ArrayList<>();
        quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items")
                .forEach(alert -> channels.add(alert.path("channel_id").asLong()));
        return channels;
    }

    @Test
    void casesSendEventsToTheirChannelsFallingThroughWhenAskedAndTheRestToTheDefault() throws Exception {
        long databases = quell.createChannel("{\"channel_name\":\"databases\"}");
        long pager = quell.createChannel("{\"channel_name\":\"pager\"}");
        JsonNode shared = sharedIntegration("shared");
        assertThat(shared.path("channel_id").asLong()).isZero();
        String key = shared.path("integration_key").asText();
        long id = shared.path("integration_id").asLong();
        assertThat(push(key, "none-yet", "Warning", "db").errorMessage()).contains("no route matched");

        Reply upsert = quell.openApi("/route/upsert", "{\"integration_id\":" + id + ",\"cases\":["
                + "{\"if\":[[{\"key\":\"labels.team\",\"oper\":\"IN\",\"vals\":[\"db\"]}]],\"channel_ids\":[" + databases
                + "],\"fallthrough\":true},"
                + "{\"if\":[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Critical\"]}]],\"channel_ids\":[" + pager
                + "]}],\"default\":{\"channel_ids\":[" + pager + "]}}");
        assertThat(upsert.status()).as(upsert.body().toString()).isEqualTo(200);

        assertThat(push(key, "db-warn", "Warning", "db").status()).isEqualTo(200);
        assertThat(push(key, "db-crit", "Critical", "db").status()).isEqualTo(200);
        assertThat(push(key, "web-info", "Info", "web").status()).isEqualTo(200);

        assertThat(channelsOf("db-warn")).containsExactly(databases);
        assertThat(channelsOf("db-crit")).containsExactlyInAnyOrder(databases, pager);
        assertThat(channelsOf("web-info")).containsExactly(pager);
        assertThat(push(key, "db-crit", "Ok", "db").status()).isEqualTo(200);
        long now = System.currentTimeMillis() / 1000;
        quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"db-crit\"]}").data().path("items")
                .forEach(alert -> assertThat(alert.path("alert_status").asText()).isEqualTo("Ok"));

        JsonNode info = quell.openApi("/route/info", "{\"integration_id\":" + id + "}").data();
        assertThat(info.path("cases")).hasSize(2);
        assertThat(info.path("default").path("channel_ids").get(0).asLong()).isEqualTo(pager);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(quell.baseUrl()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("quell_unrouted_events_total 1");
    }

    @Test
    void routesAreRefusedForChannelIntegrationsUnknownChannelsAndCasesWithoutConditions() {
        long id = sharedIntegration("other").path("integration_id").asLong();
        long channelIntegration = quell.server().catalog().integrationByKey(quell.defaultIntegrationKey())
                .orElseThrow().integrationId();

        assertThat(quell.openApi("/route/upsert", "{\"integration_id\":" + channelIntegration + ",\"cases\":[]}")
                .errorMessage()).contains("only a shared integration");
        assertThat(quell.openApi("/route/upsert", "{\"integration_id\":" + id
                + ",\"default\":{\"channel_ids\":[987654]}}").errorMessage()).contains("987654");
        assertThat(quell.openApi("/route/upsert", "{\"integration_id\":" + id
                + ",\"cases\":[{\"channel_ids\":[1]}]}").errorMessage()).contains("cases[0].if");
    }
}
